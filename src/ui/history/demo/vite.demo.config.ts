/**
 * Production build of the dev-only history demo, for performance measurements:
 * `npx vite build --config src/ui/history/demo/vite.demo.config.ts` writes /tmp/history-demo.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: new URL('../../../..', import.meta.url).pathname,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: '/tmp/history-demo',
    emptyOutDir: true,
    rollupOptions: { input: new URL('./demo.html', import.meta.url).pathname },
  },
});
