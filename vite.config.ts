import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [preact(), crx({ manifest: manifest as ManifestV3Export })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Pages that the manifest does not name.
    rollupOptions: { input: { offscreen: 'offscreen/offscreen.html', review: 'review/review.html' } },
  },
  server: { port: 5173, strictPort: true },
});
