/**
 * The AnalysisStore contract, on SQLite and on the real Cosmos DB REST API (served locally): one
 * record per year, versioned by etag, so two MT members adopting at once never lose an adoption.
 */
import { CosmosAnalysisStore } from '../../src/adapters/cosmos/cosmos-analysis-store';
import { SqliteAnalysisStore } from '../../src/adapters/sqlite/sqlite-analysis-store';
import type { AnalysisStore } from '../../src/app/annual-analysis';
import { ConcurrencyError } from '../../src/app/ports';
import { AnalysisAccumulator } from '../../src/domain/analysis';
import { draftAnalysis, type AnalysisActor, type AnnualAnalysis } from '../../src/domain/analysis-workflow';
import { startLocalCosmos, type LocalCosmos } from '../support/cosmos-server';
import { AS_OF, dataset2026 } from './dataset';
import { REPORT_CONTENT } from './report-content';

type ClosableAnalysisStore = AnalysisStore & { close(): void | Promise<void> };

const quality: AnalysisActor = { id: 'kw-1', name: 'Kees Kwaliteit', roles: ['quality'] };

/** A real draft (figures of the test dataset) for `year`. */
function draft(year: number): AnnualAnalysis {
  const accumulator = new AnalysisAccumulator(year, AS_OF);
  if (year === 2026) for (const signal of dataset2026()) accumulator.add(signal);
  const result = draftAnalysis(
    { figures: accumulator.result(), settings: { requiredAdoptions: 2 }, content: REPORT_CONTENT },
    quality,
    AS_OF,
  );
  if (!result.ok) throw new Error(result.error);
  return result.analysis;
}

function contract(name: string, open: () => Promise<ClosableAnalysisStore>) {
  describe(`analysis store: ${name}`, () => {
    let store: ClosableAnalysisStore;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    it('saves a new year and gets it back exactly, without storage fields', async () => {
      const analysis = draft(2026);
      const saved = await store.save(analysis);
      expect(saved.value).toEqual(analysis);
      expect(typeof saved.etag).toBe('string');
      const read = await store.get(2026);
      expect(read).toEqual({ value: analysis, etag: saved.etag });
      expect(Object.keys(read!.value).filter((key) => key.startsWith('_'))).toEqual([]);
    });

    it('replaces with the current etag and refuses the stale one', async () => {
      const first = await store.save(draft(2026));
      const changed = { ...first.value, computedAt: '2027-01-11T09:00:00.000Z' };
      const second = await store.save(changed, first.etag);
      expect(second.etag).not.toBe(first.etag);
      expect((await store.get(2026))?.value.computedAt).toBe('2027-01-11T09:00:00.000Z');

      const stale = store.save({ ...first.value, computedAt: '2027-01-12T09:00:00.000Z' }, first.etag);
      await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.get(2026)).toEqual(second);
    });

    it('keeps the MT submission (per-member deliveries) and review form ids inside the document', async () => {
      const first = await store.save(draft(2026));
      const at = '2027-03-01T09:00:00.000Z';
      const changed: AnnualAnalysis = {
        ...first.value,
        reviews: [
          {
            id: 'form-1',
            by: { id: 'mt-1', name: 'Marieke MT' },
            verdict: 'comment',
            comment: 'Graag',
            at,
            onFiguresOf: first.value.computedAt,
          },
        ],
        submittedToMt: {
          at,
          by: { id: 'kw-1', name: 'Kees Kwaliteit' },
          deliveries: [
            { to: { id: 'mt-1', name: 'Marieke MT' }, state: 'delivered', attempts: 1, updatedAt: at, deliveredAt: at },
            { to: { id: 'mt-2', name: 'Mohamed MT' }, state: 'sending', attempts: 2, updatedAt: at, claimedUntil: at },
          ],
        },
        history: [
          ...first.value.history,
          { type: 'submittedToMt', at, by: { id: 'kw-1', name: 'Kees Kwaliteit' }, note: 'mt-1' },
        ],
      };
      const saved = await store.save(changed, first.etag);
      expect((await store.get(2026))?.value).toEqual(changed);
      expect(saved.value).toEqual(changed);
    });

    it('refuses a second first save of the same year: of two at once, exactly one wins', async () => {
      const a = { ...draft(2026), computedAt: '2027-01-10T09:00:00.000Z' };
      const b = { ...draft(2026), computedAt: '2027-01-10T09:00:01.000Z' };
      const results = await Promise.allSettled([store.save(a), store.save(b)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(ConcurrencyError);
      const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<AnalysisStore['save']>>>).value;
      expect(await store.get(2026)).toEqual(winner);
      // And later too, once the year exists.
      await expect(store.save(draft(2026))).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('answers undefined for a year without an analysis, and keeps years apart', async () => {
      expect(await store.get(2025)).toBeUndefined();
      await store.save(draft(2026));
      expect(await store.get(2025)).toBeUndefined();
      const other = await store.save(draft(2024));
      expect(await store.get(2024)).toEqual(other);
      expect((await store.get(2026))?.value.year).toBe(2026);
    });
  });
}

contract('SQLite', async () => {
  const store = new SqliteAnalysisStore(':memory:');
  await store.init();
  return store;
});

let cosmos: LocalCosmos;
let databases = 0;
beforeAll(async () => {
  cosmos = await startLocalCosmos();
});
afterAll(async () => {
  await cosmos.stop();
});

contract('Cosmos DB', async () => {
  const store = new CosmosAnalysisStore({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    databaseId: `analyses-${(databases += 1)}`,
    createIfMissing: true,
    endpointDiscovery: false,
  });
  await store.init();
  return store;
});
