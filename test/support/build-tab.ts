/**
 * jest globalSetup: builds the "Overzicht" tab's page (bot/tab/web → dist/tab) when it is missing or
 * older than its sources, so `npm test` on a fresh clone serves the real page to the browser tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const BUILT = join(ROOT, 'dist/tab/index.html');
const SOURCES = [join(ROOT, 'bot/tab/web'), join(ROOT, 'src/i18n/nl-tab.ts'), join(ROOT, 'package-lock.json')];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export default function buildTab(): void {
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= Math.max(...SOURCES.map(newest))) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'bot/tab/web/vite.config.mts'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}
