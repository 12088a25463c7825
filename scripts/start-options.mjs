// What npm start was asked for, for either browser: --smoke (check a setup and exit) and headless, which is
// forced by --headless or HEADLESS=1 and chosen by itself on Linux without a display.
const args = process.argv.slice(2);
export const smoke = args.includes('--smoke');
export const headless = smoke || args.includes('--headless') || process.env.HEADLESS === '1'
  || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
