/**
 * Only the Overzicht tab's part of the bench (section 6 of docs/performance.md), without the rest:
 *
 *   npx tsx bench/tab.ts [--smoke]
 *
 * Replaces that section in docs/performance.md (or prints it with --smoke). `npm run bench` measures
 * it too, with everything else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { measureTab, renderTab, type TabMeasurement } from './lib/tab';
import { ROOT } from './lib/processes';

const TARGET_MS = 200;
const SECTION = /## 6\. Overzicht tab API\n[\s\S]*?(?=\n## |$)/;

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const results: TabMeasurement[] = [];
  for (const stored of smoke ? [1_000] : [1_000, 10_000, 100_000]) {
    const result = await measureTab(stored, smoke ? 3 : 30);
    process.stderr.write(
      `tab ${stored}: first ${result.coldMs.toFixed(0)} ms, warm ${result.warm.map((w) => w.p95Ms.toFixed(1)).join(' / ')} ms p95\n`,
    );
    results.push(result);
  }
  const section = [
    ...renderTab(results, TARGET_MS),
    `Measured alone (\`npx tsx bench/tab.ts\`) on ${new Date().toISOString()}: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, Node ${process.version}, load average after ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}.`,
    '',
  ].join('\n');
  if (smoke) {
    console.log(section);
    return;
  }
  const file = resolve(ROOT, 'docs/performance.md');
  const text = readFileSync(file, 'utf8');
  const updated = SECTION.test(text)
    ? text.replace(SECTION, section.trimEnd() + '\n')
    : text.replace('## How this is measured', `${section}\n## How this is measured`);
  writeFileSync(file, updated);
  process.stderr.write(`written to ${file}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
