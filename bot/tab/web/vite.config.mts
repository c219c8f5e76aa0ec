/**
 * Builds the "Overzicht" tab's page into dist/tab, served by the bot under /tab (bot/tab/routes.ts).
 * `npm run build:tab`; `npm start`, `npm run start:bot` and the tests run it.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/tab/',
  logLevel: 'warn',
  build: {
    outDir: resolve(here, '../../../dist/tab'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // Fluent UI marks its modules "use client" (React Server Components); meaningless in this bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
