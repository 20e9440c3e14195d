import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built app's Content-Security-Policy: everything from the app's own origin, nothing
 * inline, nothing evaluated. Images may also be `blob:` (the PNG export draws the view's SVG
 * through one) and `data:`. The policy is a `<meta>` of the built index.html only: the dev
 * server injects inline scripts (React's refresh preamble) and styles that it would block.
 * (`frame-ancestors` cannot be set from a `<meta>`; a server serving the lab can add it.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'quorum-lab:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  base: './',
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // Property and replay tests are CPU-bound; a loaded 2-core machine must not make them flaky.
    testTimeout: 60_000,
  },
});
