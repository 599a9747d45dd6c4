import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The detection benchmark's unit tests (the project config covers only src/ and test/):
 *    npx vitest run --config bench/detect/vitest.config.ts */
export default defineConfig({
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite/bench-detect', import.meta.url)),
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.test.ts'],
    exclude: ['out/**', 'node_modules/**'],
    reporters: ['default'],
  },
});
