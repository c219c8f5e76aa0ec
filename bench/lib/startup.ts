/**
 * Start-up: from spawn() of the bot process to the first activity answered — a `help` message
 * whose reply reached the connector. Polls every 10 ms, so the figure includes at most that much slack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PEOPLE } from '../../test/support/services';
import { freePort, spawnTs, type Runtime } from './processes';
import { activity, botEnv, type Connector } from './turns';

export interface StartupMeasurement {
  runtime: Runtime['kind'];
  command: string;
  ms: number;
}

export async function measureStartup(runtime: Runtime, connector: Connector): Promise<StartupMeasurement> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-bench-startup-'));
  const port = await freePort();
  const before = (await connector.stats()).calls;
  const child = spawnTs(runtime, 'src/server.ts', botEnv(port, dataDir));
  try {
    const body = JSON.stringify(activity(connector.url, PEOPLE.employee, { type: 'message', text: 'help' }));
    for (;;) {
      if (child.process.exitCode !== null) throw new Error(`the bot exited during start-up:\n${child.stderr()}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await response.arrayBuffer();
        if (response.status === 200 && (await connector.stats()).calls > before) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - child.spawnedAt > 120_000) throw new Error('no answer within 120 s');
      await new Promise((done) => setTimeout(done, 10));
    }
    return {
      runtime: runtime.kind,
      command: runtime.kind === 'compiled' ? 'node <build>/src/server.js' : 'node --import tsx src/server.ts',
      ms: performance.now() - child.spawnedAt,
    };
  } finally {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
