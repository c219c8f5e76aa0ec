/**
 * `npm run bench` (= `tsx bench/run.ts`): every figure of issue 10 with its baseline, printed and
 * written to docs/performance.md together with the machine it ran on. See docs/performance.md for
 * the set-up and how to read the figures.
 *
 *   tsx bench/run.ts [--smoke] [--out <file.md>] [--json <file.json>] [--no-build]
 *
 * --smoke: 1 connection, 1 s per run, 1,000 signals, a 500-signal analysis, bot run through tsx
 * (no build); writes nothing to docs/ unless --out says so. Used by test/bench-smoke.test.ts.
 */
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { measureAnalysis, type AnalysisMeasurement } from './lib/analysis-run';
import { measureCosmos, type CosmosResult } from './lib/cosmos';
import { summariseProfile, type ProfileSummary } from './lib/cpu-profile';
import { buildCompiled, compiledRuntime, ROOT, RssSampler, tsxRuntime, type Runtime } from './lib/processes';
import { measureStartup, type StartupMeasurement } from './lib/startup';
import { measureSweep, type SweepMeasurement } from './lib/sweep';
import { measureTab, renderTab, type TabMeasurement } from './lib/tab';
import {
  load,
  probe,
  scenarios,
  seedBotStore,
  startBot,
  startConnector,
  startEchoBot,
  type Connector,
  type LoadResult,
  type Scenario,
} from './lib/turns';

const TARGETS = { ratio: 0.7, rssMb: 200, sweepMs: 200, analysisMs: 3000, cosmosRequests: 2, tabMs: 200 };

interface Options {
  smoke: boolean;
  out?: string;
  json?: string;
  build: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const smoke = argv.includes('--smoke');
  return {
    smoke,
    out: value('--out') ?? (smoke ? undefined : resolve(ROOT, 'docs/performance.md')),
    json: value('--json'),
    build: !smoke && !argv.includes('--no-build'),
  };
}

export interface TurnRow {
  scenario: string;
  label: string;
  baseline: string;
  ours: LoadResult;
  echo: LoadResult;
  ratio: number;
}

export interface BenchResults {
  smoke: boolean;
  machine: {
    cpu: string;
    cores: number;
    ramGb: number;
    node: string;
    date: string;
    loadBefore: number[];
    loadAfter: number[];
  };
  runtime: Runtime['kind'];
  buildMs?: number;
  turns: {
    seconds: number;
    rows: TurnRow[];
    peakRssMb: number;
    echoPeakRssMb: number;
    idleRssMb: number;
    escalationsBeyondPool: number;
    profile?: { scenario: string; summary: ProfileSummary };
  };
  sweep: SweepMeasurement[];
  analysis: AnalysisMeasurement[];
  cosmos?: CosmosResult;
  cosmosError?: string;
  startup: StartupMeasurement[];
  tab: TabMeasurement[];
  totalSeconds: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function measureTurns(options: Options, runtime: Runtime, connector: Connector): Promise<BenchResults['turns']> {
  const seconds = options.smoke ? 1 : 5;
  const levels = options.smoke ? [1] : [1, 10, 50];
  const dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-bench-turns-'));
  const seeded = await seedBotStore(dataDir, { status: 50, escalation: options.smoke ? 500 : 20_000 });
  const bot = await startBot(runtime, dataDir);
  const echo = await startEchoBot(runtime);
  const idleRssMb = new RssSampler(bot.child.pid).peaks().sampledMb;
  const ourRss = new RssSampler(bot.child.pid);
  const echoRss = new RssSampler(echo.child.pid);
  ourRss.start();
  echoRss.start();
  const set = scenarios(connector.url, seeded);
  const rows: TurnRow[] = [];
  try {
    for (const scenario of set.ours) await probe(bot.url, scenario, connector);
    for (const scenario of Object.values(set.echo)) await probe(echo.url, scenario, connector);
    if (!options.smoke) {
      log('warm-up (2 s per scenario, not measured)');
      for (const scenario of Object.values(set.echo)) await load(echo.url, scenario, 10, 2, connector);
      for (const scenario of set.ours) await load(bot.url, scenario, 10, 2, connector);
    }
    for (const connections of levels) {
      // Each of ours right after its echo baseline, so both see the same background load.
      for (const scenario of set.ours) {
        const baseline: Scenario = set.echo[scenario.kind];
        const echoResult = await load(echo.url, baseline, connections, seconds, connector);
        const ours = await load(bot.url, scenario, connections, seconds, connector);
        const row: TurnRow = {
          scenario: scenario.id,
          label: scenario.label,
          baseline: baseline.label,
          ours,
          echo: echoResult,
          ratio: ours.turnsPerSecond / echoResult.turnsPerSecond,
        };
        rows.push(row);
        log(
          `${scenario.id.padEnd(9)} c=${String(connections).padStart(2)}: ${ours.turnsPerSecond.toFixed(1)} turns/s ` +
            `p50 ${ours.p50.toFixed(0)} p95 ${ours.p95.toFixed(0)} p99 ${ours.p99.toFixed(0)} ms; echo ${echoResult.turnsPerSecond.toFixed(1)}/s; ` +
            `ratio ${row.ratio.toFixed(2)}; load ${loadavg()[0]!.toFixed(1)}`,
        );
      }
    }
    // The pool may only run out in a smoke run; measured figures would then include refusals.
    return {
      seconds,
      rows,
      peakRssMb: Math.max(ourRss.peaks().sampledMb, ourRss.peaks().hwmMb),
      echoPeakRssMb: Math.max(echoRss.peaks().sampledMb, echoRss.peaks().hwmMb),
      idleRssMb,
      escalationsBeyondPool: set.escalationsBeyondPool(),
    };
  } finally {
    ourRss.stop();
    echoRss.stop();
    await bot.child.stop();
    await echo.child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A CPU profile of the bot while it serves the scenario that misses its target the most. */
async function profileTurns(runtime: Runtime, connector: Connector, scenarioId: string): Promise<ProfileSummary> {
  let measuredFromMs = 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-bench-profile-'));
  const profileDir = join(dataDir, 'profile');
  mkdirSync(profileDir);
  try {
    const seeded = await seedBotStore(dataDir, { status: 50, escalation: 5_000 });
    const bot = await startBot(runtime, dataDir, ['--cpu-prof', '--cpu-prof-dir', profileDir]);
    try {
      const scenario = scenarios(connector.url, seeded).ours.find((candidate) => candidate.id === scenarioId)!;
      await load(bot.url, scenario, 10, 2, connector);
      // Start-up and warm-up are left out of the summary.
      measuredFromMs = performance.now() - bot.child.spawnedAt;
      await load(bot.url, scenario, 10, 5, connector);
    } finally {
      // SIGTERM: the bot shuts down gracefully and node writes the profile on exit.
      await bot.child.stop(15_000);
    }
    const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    return summariseProfile(join(profileDir, file), 12, measuredFromMs);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- report ---------------------------------------------------------------------------------

const n0 = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–');
const n1 = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');
const n2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');
const verdict = (ok: boolean) => (ok ? 'met' : '**NOT met**');

export function renderReport(results: BenchResults): string {
  const { machine, turns } = results;
  const lines: string[] = [];
  lines.push('# Performance', '');
  lines.push(
    `Latest \`npm run bench\`${results.smoke ? ' (SMOKE run: tiny, not representative)' : ''} — ${machine.date}.`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb.toFixed(1)} GB RAM, Node ${machine.node}. ` +
      `Load average (1/5/15 min) before: ${machine.loadBefore.map(n1).join(' / ')}, after: ${machine.loadAfter.map(n1).join(' / ')} ` +
      `(other work was running on the machine: the ratios to the echo bot, measured back to back, are the figures to compare).`,
    '',
    `Bot run as: ${results.runtime === 'compiled' ? '`node <build>/src/server.js` (tsc output, as `npm run start:bot` runs it)' : '`node --import tsx src/server.ts`'}` +
      (results.buildMs !== undefined
        ? `; build took ${(results.buildMs / 1000).toFixed(1)} s (not measured below).`
        : '.'),
    `Whole bench: ${n0(results.totalSeconds)} s.`,
    '',
  );

  // 1. Turns
  lines.push('## 1. Bot turns over HTTP', '');
  lines.push(
    `restify 12 + CloudAdapter (auth off), embedded SQLite (WAL, synchronous=NORMAL) in a temp dir, log level info to /dev/null, ` +
      `flood guard opened wide. autocannon (in the bench process) → bot process → connector process (answers 200 {id}). ` +
      `${turns.seconds} s per run${results.smoke ? '' : ' after a 2 s warm-up per scenario'}; each run of ours directly after the echo bot's run of the same ` +
      `kind (message ↔ echo message through the connector, card action ↔ echo invoke answered in the HTTP response).`,
    '',
    '| Turn | Conns | Turns/s | p50 ms | p95 ms | p99 ms | Failed | Echo turns/s | Echo p95 ms | Ratio ours/echo (≥ 0.7) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const row of turns.rows) {
    lines.push(
      `| ${row.label} | ${row.ours.connections} | ${n1(row.ours.turnsPerSecond)} | ${n0(row.ours.p50)} | ${n0(row.ours.p95)} | ` +
        `${n0(row.ours.p99)} | ${row.ours.failed} | ${n1(row.echo.turnsPerSecond)} | ${n0(row.echo.p95)} | ` +
        `${n2(row.ratio)} ${row.ratio >= TARGETS.ratio ? '' : '**miss**'} |`,
    );
  }
  const minRatio = Math.min(...turns.rows.map((row) => row.ratio));
  lines.push(
    '',
    `Headline: lowest ratio ours/echo ${n2(minRatio)} (target ≥ ${TARGETS.ratio}: ${verdict(minRatio >= TARGETS.ratio)}). ` +
      `Peak RSS of the bot process under load ${n0(turns.peakRssMb)} MB (target ≤ ${TARGETS.rssMb} MB: ${verdict(turns.peakRssMb <= TARGETS.rssMb)}); ` +
      `right after start ${n0(turns.idleRssMb)} MB; the echo bot's peak ${n0(turns.echoPeakRssMb)} MB.` +
      (turns.escalationsBeyondPool > 0
        ? ` ${turns.escalationsBeyondPool} escalations ran past the seeded pool (refusals).`
        : ''),
    '',
  );
  if (turns.profile) {
    const { scenario, summary } = turns.profile;
    lines.push(
      `CPU profile of the bot (\`--cpu-prof\`, start-up and warm-up left out) during 5 s of \`${scenario}\` at 10 connections: ` +
        `${n0(summary.busyMs)} ms busy of ${n0(summary.totalMs)} ms sampled. Self time inside a synchronous native call ` +
        `(node:sqlite's statement run, including its fsync) is attributed to the JavaScript function that made it.`,
      '',
      '| Self time by package | ms | share of busy |',
      '|---|---:|---:|',
      ...summary.packages.map((entry) => `| ${entry.name} | ${n0(entry.ms)} | ${(entry.share * 100).toFixed(1)} % |`),
      '',
      '| Top self-time functions | ms | share of busy |',
      '|---|---:|---:|',
      ...summary.functions.map(
        (entry) =>
          `| \`${entry.name.replace(/\|/g, '\\|')}\` | ${n0(entry.ms)} | ${(entry.share * 100).toFixed(1)} % |`,
      ),
      '',
    );
  }

  // 2. Sweep
  lines.push('## 2. Deadline sweep', '');
  lines.push(
    'Stored signals: 100 open and due (6-week deadline overdue or within the sweep horizon), 200 open and not yet due, the rest closed. ' +
      'Query = `SignalStore.listDue(horizon)` paged (100 per page) through all due, as `runReminderSweep` calls it; ' +
      'first run includes statement preparation; median/max of 5 repeats. Full sweep = `runReminderSweep` with instant fake ' +
      'Teams sender and feed notifier, first (claims and records every delivery, fsync each) and repeated (all recorded).',
    '',
    '| Stored | Due | Listed | Query first ms | Query median ms | Query max ms | Full sweep first ms | Full sweep repeat ms | Target ≤ 200 ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const sweep of results.sweep) {
    const worst = Math.max(sweep.queryFirstMs, sweep.queryMaxMs);
    lines.push(
      `| ${sweep.stored.toLocaleString('en')} | ${sweep.due} | ${sweep.listed} | ${n1(sweep.queryFirstMs)} | ${n2(sweep.queryMedianMs)} | ${n2(sweep.queryMaxMs)} | ` +
        `${sweep.sweepFirstMs !== undefined ? n0(sweep.sweepFirstMs) : `failed: ${sweep.sweepError ?? ''}`} | ${sweep.sweepRepeatMs !== undefined ? n0(sweep.sweepRepeatMs) : '–'} | ` +
        `query ${verdict(worst <= TARGETS.sweepMs)}${sweep.sweepRepeatMs !== undefined ? `, repeat sweep ${verdict(sweep.sweepRepeatMs <= TARGETS.sweepMs)}` : ''} |`,
    );
  }
  const lastSweep = results.sweep[results.sweep.length - 1];
  if (lastSweep) {
    lines.push(
      '',
      `Query plan: \`${lastSweep.plan}\` — index-served, so the time follows the number due, not stored.` +
        (lastSweep.sweepReport
          ? ` First sweep's report at ${lastSweep.stored.toLocaleString('en')}: ${JSON.stringify(lastSweep.sweepReport)}.`
          : ''),
      '',
    );
  }

  // 3. Analysis
  lines.push('## 3. Yearly analysis to a finished .docx', '');
  lines.push(
    'bench/analysis.ts `generate` (signals through the real moves, + a tenth in the previous year) and its `--measure` child ' +
      '(produceAnnualAnalysis: stream both years, compute, save, .docx with charts, CSV) in a fresh process.',
    '',
    '| Signals | Wall s | CPU s | Stream+compute s | .docx+CSV s | Peak RSS MB | .docx KB | Target ≤ 3 s |',
    '|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const analysis of results.analysis) {
    lines.push(
      `| ${analysis.count.toLocaleString('en')} (+${analysis.previous.toLocaleString('en')}) | ${n2(analysis.totalMs / 1000)} | ${n2(analysis.cpuMs / 1000)} | ` +
        `${n2(analysis.computeMs / 1000)} | ${n2(analysis.renderMs / 1000)} | ${n0(analysis.peakRssMb)} | ${n0(analysis.docxBytes / 1024)} | ` +
        `${analysis.count >= 50_000 ? verdict(analysis.totalMs <= TARGETS.analysisMs) : '(only at 50,000)'} |`,
    );
  }
  lines.push('');

  // 4. Cosmos
  lines.push('## 4. Cosmos requests per turn', '');
  if (results.cosmos) {
    const c = results.cosmos;
    lines.push(
      'The real bot (`STORE=cosmos`) against @vercel/cosmosdb-server, requests counted at the server (and at a pass-through proxy ' +
        'that only rewrites the account read to plain http, so endpoint discovery works as in Azure). Steady state: after one ' +
        'warm-up turn of the same kind on another signal; a 300 ms settle after the answer is included.',
      '',
      '| Turn | Requests | Target ≤ 2 | Requests |',
      '|---|---:|---|---|',
      ...[c.command, c.cardAction, c.coldCommand, c.intake, c.idle].map(
        (count) =>
          `| ${count.label} | ${count.requests} | ${count === c.command || count === c.cardAction ? verdict(count.requests <= TARGETS.cosmosRequests) : '(info)'} | ${count.calls.map((call) => `\`${call}\``).join('<br>')} |`,
      ),
      '',
    );
  } else lines.push(`Not measured: ${results.cosmosError ?? 'unknown error'}`, '');

  // 5. Start-up
  lines.push(
    '## 5. Start-up',
    '',
    'From spawn() of the bot process to the first `help` answered through the connector.',
    '',
  );
  lines.push('| Command | ms |', '|---|---:|');
  for (const startup of results.startup) lines.push(`| \`${startup.command}\` | ${n0(startup.ms)} |`);
  lines.push('');

  // 6. The Overzicht tab
  lines.push(...renderTab(results.tab, TARGETS.tabMs));
  return lines.join('\n');
}

// ---- main -----------------------------------------------------------------------------------

export async function runBench(options: Options): Promise<BenchResults> {
  const started = performance.now();
  const loadBefore = loadavg();
  let runtime: Runtime = tsxRuntime;
  let buildMs: number | undefined;
  if (options.build) {
    log('building the bot with tsc (--noCheck) …');
    buildMs = await buildCompiled();
    runtime = compiledRuntime;
  }
  const connector = await startConnector(runtime);
  try {
    log('1. bot turns');
    const turns = await measureTurns(options, runtime, connector);
    const misses = turns.rows.filter((row) => row.ratio < TARGETS.ratio).sort((a, b) => a.ratio - b.ratio);
    if (!options.smoke && (misses.length > 0 || turns.peakRssMb > TARGETS.rssMb)) {
      const scenario = misses[0]?.scenario ?? 'intake';
      log(`profiling the bot on ${scenario}`);
      try {
        turns.profile = { scenario, summary: await profileTurns(runtime, connector, scenario) };
      } catch (error) {
        log(`profile failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    log('2. deadline sweep');
    const sweep: SweepMeasurement[] = [];
    for (const stored of options.smoke ? [1_000] : [1_000, 10_000, 100_000]) {
      const result = await measureSweep(stored, options.smoke ? 2 : 5);
      log(
        `   ${stored}: listDue ${result.queryMedianMs.toFixed(2)} ms (first ${result.queryFirstMs.toFixed(1)}), sweep ${result.sweepFirstMs?.toFixed(0)} / ${result.sweepRepeatMs?.toFixed(0)} ms`,
      );
      sweep.push(result);
    }

    log('3. yearly analysis');
    const analysis: AnalysisMeasurement[] = [];
    for (const count of options.smoke ? [500] : [5_000, 50_000]) {
      const result = await measureAnalysis(count);
      log(`   ${count}: ${(result.totalMs / 1000).toFixed(2)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB`);
      analysis.push(result);
    }

    log('4. cosmos requests');
    let cosmos: CosmosResult | undefined;
    let cosmosError: string | undefined;
    try {
      cosmos = await measureCosmos(connector, runtime);
    } catch (error) {
      cosmosError = error instanceof Error ? error.message.slice(0, 500) : String(error);
    }

    log('5. start-up');
    const startup: StartupMeasurement[] = [];
    for (const each of options.smoke ? [tsxRuntime] : [compiledRuntime, tsxRuntime])
      startup.push(await measureStartup(each, connector));

    log('6. overzicht tab');
    const tab: TabMeasurement[] = [];
    for (const stored of options.smoke ? [1_000] : [1_000, 10_000, 100_000]) {
      const result = await measureTab(stored, options.smoke ? 3 : 30);
      log(`   ${stored}: first ${result.coldMs.toFixed(0)} ms, p95 ${result.warm.map((w) => w.p95Ms.toFixed(1)).join(' / ')} ms`);
      tab.push(result);
    }

    return {
      smoke: options.smoke,
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        ramGb: totalmem() / 1024 ** 3,
        node: process.version,
        date: new Date().toISOString(),
        loadBefore,
        loadAfter: loadavg(),
      },
      runtime: runtime.kind,
      ...(buildMs !== undefined ? { buildMs } : {}),
      turns,
      sweep,
      analysis,
      ...(cosmos ? { cosmos } : {}),
      ...(cosmosError ? { cosmosError } : {}),
      startup,
      tab,
      totalSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await connector.child.stop();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const results = await runBench(options);
  const report = renderReport(results);
  console.log(report);
  if (options.out) {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${report}\n${readingNotes()}`);
    log(`written to ${options.out}`);
  }
  if (options.json) writeFileSync(options.json, JSON.stringify(results, null, 2));
}

/** The fixed part of docs/performance.md: how the figures are made and how to read them. */
function readingNotes(): string {
  return [
    '## How this is measured',
    '',
    '- Run `npm run bench` (about 5–6 minutes; it compiles the bot first into node_modules/.cache). `tsx bench/run.ts --smoke` is the',
    '  tiny version the test command runs (test/bench-smoke.test.ts), which asserts that numbers come out, not how fast.',
    '- Four processes share the CPUs during the turn runs: autocannon (bench), the bot, the echo bot (idle while the bot runs) and',
    '  the connector. On a 2-core machine the load generator and the connector take a share of what the bot could use, for the',
    '  echo bot and ours alike; absolute turns/s are therefore lower than on a dedicated server, the ratio is the figure to compare.',
    '- Peak RSS: `/proc/<pid>/status` of the bot process (VmRSS sampled every 200 ms, and VmHWM), over the whole turn runs.',
    "- Bulk test data is written with node:sqlite straight into the store's schema in one transaction (synchronous=OFF);",
    '  the bot and the measured queries then open the store as production does (WAL, synchronous=NORMAL).',
    '- Code: bench/run.ts (this report), bench/lib/*.ts (turns, sweep, cosmos, start-up, profile summary, tab), bench/analysis.ts (analysis); `npx tsx bench/tab.ts` re-measures only section 6.',
    '',
  ].join('\n');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
