/**
 * A corrupt or unwritable SQLite file stops the start with a short Dutch and English message that
 * names the file, and exit code 2 like any other configuration problem: no stack trace to read.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SAMPLE_ORGANISATION } from '../support/services';

const ROOT = resolve(__dirname, '../..');

function start(dataDir: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        DATA_DIR: dataDir,
        ORGANISATION_FILE: SAMPLE_ORGANISATION,
        STORE: 'sqlite',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stderr, stdout });
    });
  });
}

describe('a store file the bot cannot use', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'klantsignaal-store-error-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const expectClearStop = (result: { code: number | null; stderr: string; stdout: string }, file: string) => {
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Klantsignaal kan niet starten');
    expect(result.stderr).toContain('Klantsignaal cannot start');
    expect(result.stderr).toContain(file);
    expect(result.stderr + result.stdout).not.toMatch(/^\s+at /m);
  };

  it('corrupt: says the file is not a usable SQLite database', async () => {
    const file = join(dir, 'klantsignaal.sqlite');
    writeFileSync(file, 'dit is geen database, maar tekst die iemand eroverheen schreef\n'.repeat(100));
    const result = await start(dir);
    expectClearStop(result, file);
    expect(result.stderr).toContain('beschadigd');
  }, 40_000);

  it('unwritable: says the file cannot be opened or written', async () => {
    // A folder where the file should be: cannot be opened as a database, also not as root.
    const file = join(dir, 'klantsignaal.sqlite');
    mkdirSync(file);
    const result = await start(dir);
    expectClearStop(result, file);
    expect(result.stderr).toContain('kan niet worden geopend of beschreven');
  }, 40_000);
});
