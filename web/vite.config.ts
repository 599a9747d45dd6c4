import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const backend = 'http://127.0.0.1:8080';

/** Paths served by the Custos server; the dev server forwards them so the console runs same-origin. */
const proxied = ['/api', '/healthz', '/readyz', '/openapi.json', '/docs'];

const config = {
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
  },
} satisfies UserConfig;

export default defineConfig(({ command }) => {
  // A build is always a production build, even when started from a test runner that set
  // NODE_ENV=test: otherwise React's development bundle would be shipped.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
