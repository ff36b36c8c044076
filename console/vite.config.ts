import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Static files for the gateway to serve under /console: hashed assets, no inline script, nothing from a CDN. */
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  // React 19 is the console's own (console/node_modules); the gateway's GraphiQL keeps React 18 at the root.
  // Without this, Ant Design and Apollo (hoisted to the root) would bundle that second React.
  resolve: { dedupe: ['react', 'react-dom'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One bundle of a few MB is fine on an intranet; the gateway lets browsers keep hashed files for a year.
    chunkSizeWarningLimit: 4096,
    modulePreload: { polyfill: false },
  },
});
