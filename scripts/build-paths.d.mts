export const CHROME_BUILD: string;
export const FIREFOX_BUILD: string;
