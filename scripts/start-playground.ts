/**
 * `npm start`: the bot on its embedded default plus Microsoft 365 Agents Playground pointed at it,
 * so a person can try Klantsignaal in a browser without any cloud account.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { nlTab } from '../src/i18n/nl-tab';

const BOT_PORT = process.env.PORT ?? '3978';
const PLAYGROUND_PORT = process.env.PLAYGROUND_PORT ?? '56150';
const root = resolve(__dirname, '..');
const children: ChildProcess[] = [];

function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) {
      console.error(`${command} stopped with exit code ${code}; stopping the rest.`);
      stopAll(code);
    }
  });
  return child;
}

function stopAll(code = 0): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

async function waitForBot(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${BOT_PORT}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error('the bot did not become ready within 60 s');
}

async function main(): Promise<void> {
  process.on('SIGINT', () => stopAll());
  process.on('SIGTERM', () => stopAll());
  start(process.execPath, [require.resolve('tsx/cli'), 'src/server.ts'], {
    PORT: BOT_PORT,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // The demo shows reminders arriving by themselves: signals near their deadlines, a sweep every
    // 30 s, and reminders kept for whoever has not opened the chat yet (nobody reads the local outbox).
    DEMO_DATA: process.env.DEMO_DATA ?? 'true',
    REMINDER_INTERVAL_SECONDS: process.env.REMINDER_INTERVAL_SECONDS ?? '30',
    REMINDER_WITHOUT_CONVERSATION: process.env.REMINDER_WITHOUT_CONVERSATION ?? 'wait',
  });
  await waitForBot();
  start(
    process.execPath,
    [
      require.resolve('@microsoft/m365agentsplayground/cli.js'),
      '-e',
      `http://127.0.0.1:${BOT_PORT}/api/messages`,
      '-c',
      'msteams',
      '-p',
      PLAYGROUND_PORT,
      '--disable-telemetry',
    ],
    {
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: resolve(root, 'config/playground.yml'),
    },
  );
  console.log(
    `\nKlantsignaal draait. Open http://127.0.0.1:${PLAYGROUND_PORT} in je browser (Ctrl+C stopt alles).\n` +
      `${nlTab.startLine(`http://127.0.0.1:${BOT_PORT}/tab/`)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
