/**
 * `tsx bench/store.ts [count]`: the embedded store's own operations, without HTTP or the bot, on a
 * temporary file in WAL mode as the bot opens it. Used to compare SQLite drivers (better-sqlite3
 * on Node 20 before, node:sqlite on Node 24 now; docs/performance.md): the store API is the same,
 * so this file runs unchanged on both. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteAccessLog } from '../src/adapters/sqlite/sqlite-access-log';
import { SqliteSignalStore } from '../src/adapters/sqlite/sqlite-signal-store';
import { DEFAULT_DEADLINE_SETTINGS } from '../src/domain/deadlines';
import { registerSignal } from '../src/domain/register';
import type { Signal } from '../src/domain/signal';
import { PEOPLE } from '../test/support/services';

function complaint(id: string, reference: string): Signal {
  return registerSignal(
    {
      id,
      reference,
      input: {
        kind: 'complaint',
        locationId: 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn: '2026-11-20',
        parentName: 'Ouder',
        parentEmail: 'ouder@example.nl',
        parentPhone: undefined,
        contactPreference: 'phone',
        description: 'Beschrijving van wat er gebeurde, zoals een ouder die typt. '.repeat(3),
        parentWish: 'Een gesprek.',
      },
      by: { id: PEOPLE.employee.id, name: PEOPLE.employee.name },
      at: new Date('2026-11-20T10:00:00Z'),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
}

async function timed(count: number, work: (index: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let index = 0; index < count; index += 1) await work(index);
  return Math.round(((performance.now() - start) * 1000) / count);
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 2000);
  const directory = mkdtempSync(join(tmpdir(), 'klantsignaal-bench-store-'));
  const path = join(directory, 'klantsignaal.sqlite');
  const store = new SqliteSignalStore(path);
  const access = new SqliteAccessLog(path);
  await store.init();
  await access.init();
  const ids: string[] = [];
  const references: string[] = [];
  try {
    const createUs = await timed(count, async (index) => {
      const reference = await store.allocateReference(2026);
      const signal = complaint(`store-${index}`, reference);
      ids.push(signal.id);
      references.push(reference);
      await store.create(signal);
    });
    const getUs = await timed(count, (index) => store.get(ids[index]!));
    const byReferenceUs = await timed(count, (index) => store.getByReference(references[index]!));
    const replaceUs = await timed(count, async (index) => {
      const current = (await store.get(ids[index]!))!;
      await store.replace(current.value, current.etag);
    });
    const accessUs = await timed(count, (index) =>
      access.record({
        personId: PEOPLE.employee.id,
        signalId: ids[index]!,
        reference: references[index]!,
        action: 'view',
        at: new Date().toISOString(),
      }),
    );
    const pageStart = performance.now();
    let listed = 0;
    let continuation: string | undefined;
    do {
      const page = await store.listByOwner(PEOPLE.employee.id, { limit: 50, continuation });
      listed += page.items.length;
      continuation = page.continuation;
    } while (continuation);
    const listAllMs = Math.round(performance.now() - pageStart);
    console.log(
      JSON.stringify({
        node: process.version,
        count,
        createUs,
        getUs,
        byReferenceUs,
        replaceUs,
        accessRecordUs: accessUs,
        listAllMs,
        listed,
      }),
    );
  } finally {
    await access.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

void main();
