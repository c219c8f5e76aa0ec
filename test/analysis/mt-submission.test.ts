import { SqliteAnalysisStore } from '../../src/adapters/sqlite/sqlite-analysis-store';
import { submitAnnualAnalysisToMt, type AnnualAnalysisDeps } from '../../src/app/annual-analysis';
import { AnalysisAccumulator } from '../../src/domain/analysis';
import {
  claimMtDeliveries,
  draftAnalysis,
  settleMtDelivery,
  type AnalysisActor,
  type AnnualAnalysis,
  type MtDeliveryResult,
} from '../../src/domain/analysis-workflow';
import { ManualClock } from '../../src/domain/clock';
import type { PersonRef } from '../../src/domain/signal';
import { REPORT_CONTENT } from './report-content';

const quality: AnalysisActor = { id: 'kw-1', name: 'Kees Kwaliteit', roles: ['quality'] };
const mt: AnalysisActor = { id: 'mt-1', name: 'Marieke MT', roles: ['mt'] };
const members: PersonRef[] = [
  { id: 'mt-1', name: 'Marieke MT' },
  { id: 'mt-2', name: 'Mohamed MT' },
  { id: 'mt-3', name: 'Mila MT' },
];
const AT = new Date('2027-03-01T09:00:00Z');
const MINUTE = 60_000;

function draft(): AnnualAnalysis {
  const figures = new AnalysisAccumulator(2026, AT).result();
  const result = draftAnalysis({ figures, settings: { requiredAdoptions: 2 }, content: REPORT_CONTENT }, quality, AT);
  if (!result.ok) throw new Error(result.error);
  return result.analysis;
}

const later = (minutes: number) => new Date(AT.getTime() + minutes * MINUTE);

describe('claimMtDeliveries / settleMtDelivery (the draft to the MT, once per member)', () => {
  it('claims every member once; a second claim while sending takes nobody', () => {
    const first = claimMtDeliveries(draft(), members, quality, AT, 2 * MINUTE);
    if (!first.ok || !first.analysis) throw new Error('not claimed');
    expect(first.claimed.map((member) => member.id)).toEqual(['mt-1', 'mt-2', 'mt-3']);
    expect(first.analysis.submittedToMt).toMatchObject({ at: AT.toISOString(), by: { id: 'kw-1' } });
    const second = claimMtDeliveries(first.analysis, members, quality, later(1), 2 * MINUTE);
    expect(second).toMatchObject({ ok: true, claimed: [], sending: members });
    expect(second.ok && second.analysis).toBeUndefined();
  });

  it('delivered members are not claimed again; failed ones are; an expired claim becomes unconfirmed, never resent', () => {
    const claimed = claimMtDeliveries(draft(), members, quality, AT, 2 * MINUTE);
    if (!claimed.ok || !claimed.analysis) throw new Error('not claimed');
    let analysis = settleMtDelivery(claimed.analysis, 'mt-1', 'delivered', quality, later(0.5))!;
    analysis = settleMtDelivery(analysis, 'mt-2', 'failed', quality, later(0.5))!;
    // mt-3's send never settled (the bot stopped).
    expect(analysis.history.filter((event) => event.type === 'submittedToMt')).toEqual([
      { type: 'submittedToMt', at: later(0.5).toISOString(), by: { id: 'kw-1', name: 'Kees Kwaliteit' }, note: 'mt-1' },
    ]);
    expect(settleMtDelivery(analysis, 'mt-1', 'delivered', quality, later(1))).toBeUndefined();

    const again = claimMtDeliveries(analysis, members, quality, later(5), 2 * MINUTE);
    if (!again.ok || !again.analysis) throw new Error('not claimed');
    expect(again.delivered.map((member) => member.id)).toEqual(['mt-1']);
    expect(again.claimed.map((member) => member.id)).toEqual(['mt-2']);
    expect(again.unconfirmed.map((member) => member.id)).toEqual(['mt-3']);
    expect(
      again.analysis.submittedToMt?.deliveries.map((delivery) => [delivery.to.id, delivery.state, delivery.attempts]),
    ).toEqual([
      ['mt-1', 'delivered', 1],
      ['mt-2', 'sending', 2],
      ['mt-3', 'unconfirmed', 1],
    ]);
    // The first press stays the submission's date and sender.
    expect(again.analysis.submittedToMt?.at).toBe(AT.toISOString());
  });

  it('a send that broke off after it may have reached Teams is settled unconfirmed: never claimed again', () => {
    const claimed = claimMtDeliveries(draft(), members, quality, AT, 2 * MINUTE);
    if (!claimed.ok || !claimed.analysis) throw new Error('not claimed');
    let analysis = settleMtDelivery(claimed.analysis, 'mt-1', 'unconfirmed', quality, later(0.5))!;
    analysis = settleMtDelivery(analysis, 'mt-2', 'failed', quality, later(0.5))!;
    analysis = settleMtDelivery(analysis, 'mt-3', 'delivered', quality, later(0.5))!;
    expect(analysis.history.filter((event) => event.type === 'submittedToMt').map((event) => event.note)).toEqual([
      'mt-3',
    ]);
    const again = claimMtDeliveries(analysis, members, quality, later(5), 2 * MINUTE);
    expect(again).toMatchObject({
      ok: true,
      claimed: [{ id: 'mt-2' }],
      unconfirmed: [{ id: 'mt-1' }],
      delivered: [{ id: 'mt-3' }],
    });
  });

  it('only staf kw, only a draft, and only real members', () => {
    expect(claimMtDeliveries(draft(), members, mt, AT, MINUTE)).toEqual({ ok: false, error: 'notAllowed' });
    expect(claimMtDeliveries({ ...draft(), status: 'adopted' }, members, quality, AT, MINUTE)).toEqual({
      ok: false,
      error: 'alreadyDone',
    });
    expect(claimMtDeliveries(draft(), [], quality, AT, MINUTE)).toEqual({
      ok: false,
      error: 'invalidInput',
      field: 'members',
    });
  });
});

describe('submitAnnualAnalysisToMt on the SQLite store', () => {
  let analyses: SqliteAnalysisStore;
  let clock: ManualClock;
  let deps: Pick<AnnualAnalysisDeps, 'analyses' | 'clock'>;

  beforeEach(async () => {
    analyses = new SqliteAnalysisStore(':memory:');
    await analyses.init();
    await analyses.save(draft());
    clock = new ManualClock(AT);
    deps = { analyses, clock };
  });

  afterEach(() => analyses.close());

  it('two presses at once deliver each member one card; a member the bot cannot reach is tried again next time', async () => {
    const deliveries: string[] = [];
    const slow = async (member: PersonRef): Promise<MtDeliveryResult> => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (member.id === 'mt-3') return 'failed'; // Teams refused
      deliveries.push(member.id);
      return 'delivered';
    };
    const [a, b] = await Promise.all([
      submitAnnualAnalysisToMt(deps, 2026, quality, members, slow),
      submitAnnualAnalysisToMt(deps, 2026, quality, members, slow),
    ]);
    expect(deliveries.sort()).toEqual(['mt-1', 'mt-2']);
    const outcomes = [a, b].map((outcome) => (outcome.ok ? outcome : undefined));
    expect(outcomes.flatMap((outcome) => outcome?.sent.map((member) => member.id) ?? []).sort()).toEqual([
      'mt-1',
      'mt-2',
    ]);
    expect(outcomes.flatMap((outcome) => outcome?.unreached.map((member) => member.id) ?? [])).toEqual(['mt-3']);

    const next = await submitAnnualAnalysisToMt(deps, 2026, quality, members, async (member) => {
      deliveries.push(member.id);
      return 'delivered';
    });
    expect(deliveries.sort()).toEqual(['mt-1', 'mt-2', 'mt-3']);
    expect(next).toMatchObject({ ok: true, sent: [{ id: 'mt-3' }], unreached: [] });
    expect(next.ok && next.alreadyHad.map((member) => member.id)).toEqual(['mt-1', 'mt-2']);
  });

  it('an unconfirmed card is never sent again; a failed one is; a throw the app cannot judge counts as unconfirmed', async () => {
    const attempts: string[] = [];
    const first = await submitAnnualAnalysisToMt(deps, 2026, quality, members, async (member) => {
      attempts.push(member.id);
      if (member.id === 'mt-1') return 'unconfirmed';
      if (member.id === 'mt-2') return 'failed';
      throw new Error('socket hang up');
    });
    expect(first).toMatchObject({
      ok: true,
      sent: [],
      unconfirmed: [{ id: 'mt-1' }, { id: 'mt-3' }],
      unreached: [{ id: 'mt-2' }],
    });

    const second = await submitAnnualAnalysisToMt(deps, 2026, quality, members, async (member) => {
      attempts.push(member.id);
      return 'delivered';
    });
    expect(attempts).toEqual(['mt-1', 'mt-2', 'mt-3', 'mt-2']);
    expect(second).toMatchObject({ ok: true, sent: [{ id: 'mt-2' }], unconfirmed: [{ id: 'mt-1' }, { id: 'mt-3' }] });
    const stored = (await analyses.get(2026))!.value;
    expect(stored.submittedToMt?.deliveries.map((delivery) => [delivery.to.id, delivery.state])).toEqual([
      ['mt-1', 'unconfirmed'],
      ['mt-2', 'delivered'],
      ['mt-3', 'unconfirmed'],
    ]);
  });
});
