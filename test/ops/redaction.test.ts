/**
 * Personal data never reaches the logs, even when a whole Signal or intake slips into a log call.
 * The personal fields are listed here by hand (not derived from REDACT_PATHS), so dropping one from
 * the redaction fails this test. Each value carries a marker; no marker may appear in any line.
 */
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import { registerSignal } from '../../src/domain/register';
import type { Decision, Signal } from '../../src/domain/signal';
import { captureLogs, flush } from '../support/log-capture';

const MARK = 'PII-';
const employee = { id: 'emp-1', name: 'Eva Medewerker' };

/** Every field of a Signal that holds the family's data or free text about it. */
const SIGNAL_PERSONAL_FIELDS = [
  'parent.name',
  'parent.email',
  'parent.phone',
  'description',
  'parentWish',
  'handling.summary',
  'escalation.conversation.notes',
  'decision.text',
  'decision.measures[0].description',
  'decision.measures[1].description',
  'complaintsDesk.outcome',
  'dispute.obligations',
  'reopened.reason',
  'letters[0].subject',
  'letters[0].body',
  'history[1].note',
  'history[1].after.handling.summary',
  'history[2].before.decision.text',
  'history[2].after.reopened.reason',
] as const;

/** The intake's personal fields, as a card submit or a parsed intake carries them. */
const INTAKE_PERSONAL_FIELDS = ['parentName', 'parentEmail', 'parentPhone', 'description', 'parentWish'] as const;

const mark = (field: string) => `${MARK}${field}`;

/** A closed, reopened complaint with every personal field filled with its own marker. */
function fullSignal(): Signal {
  const registered = registerSignal(
    {
      id: 'sig-redaction',
      reference: 'KS-2026-0099',
      input: {
        kind: 'complaint',
        locationId: 'zon',
        themeId: 'communicatie',
        channel: 'phone',
        receivedOn: '2026-03-02',
        parentName: mark('parent.name'),
        parentEmail: mark('parent.email'),
        parentPhone: mark('parent.phone'),
        contactPreference: 'phone',
        description: mark('description'),
        parentWish: mark('parentWish'),
      },
      by: employee,
      at: new Date('2026-03-02T09:00:00Z'),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
  const handling = {
    summary: mark('handling.summary'),
    satisfaction: 'partly' as const,
    recordedAt: '2026-03-03T09:00:00Z',
    by: employee,
  };
  const decision = {
    text: mark('decision.text'),
    measures: [
      { description: mark('decision.measures[0].description'), deadline: '2026-06-01' },
      { description: mark('decision.measures[1].description'), deadline: '2026-07-01' },
    ],
    sentOn: '2026-04-01',
    sentVia: 'letter',
    decidedBy: employee,
    recordedAt: '2026-04-01T09:00:00Z',
  } as Decision;
  return {
    ...registered,
    handling,
    escalation: {
      escalatedAt: '2026-03-04T09:00:00Z',
      manager: employee,
      conversation: { mode: 'meeting', heldAt: '2026-03-10T09:00:00Z', notes: mark('escalation.conversation.notes') },
    },
    decision,
    complaintsDesk: { filedOn: '2026-04-10', caseNumber: 'KL-1', outcome: mark('complaintsDesk.outcome') },
    dispute: { filedOn: '2026-05-10', caseNumber: 'GC-1', filedLate: false, obligations: mark('dispute.obligations') },
    reopened: { at: '2026-06-02T09:00:00Z', by: employee, reason: mark('reopened.reason') },
    letters: [
      {
        id: 'l1',
        kind: 'decision',
        createdAt: '2026-04-01T09:00:00Z',
        subject: mark('letters[0].subject'),
        body: mark('letters[0].body'),
      },
    ],
    history: [
      ...registered.history,
      {
        id: 'e1',
        type: 'handled',
        at: '2026-03-03T09:00:00Z',
        actor: employee,
        note: mark('history[1].note'),
        before: { handling: null },
        after: { handling: { ...handling, summary: mark('history[1].after.handling.summary') } },
      },
      {
        id: 'e2',
        type: 'reopened',
        at: '2026-06-02T09:00:00Z',
        actor: employee,
        before: { decision: { ...decision, text: mark('history[2].before.decision.text') }, reopened: null },
        after: { reopened: { reason: mark('history[2].after.reopened.reason') } },
      },
    ],
  };
}

/** The value at a path like `a.b[0].c`. */
function at(object: unknown, path: string): unknown {
  return path
    .split(/[.[\]]+/)
    .filter(Boolean)
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object);
}

async function logged(write: (logger: ReturnType<typeof captureLogs>['logger']) => void): Promise<string> {
  const { logger, lines } = captureLogs();
  write(logger);
  await flush();
  const output = JSON.stringify(lines());
  expect(lines().length).toBeGreaterThan(0);
  return output;
}

describe('log redaction of personal data', () => {
  const signal = fullSignal();

  it('the fixture fills every listed field with its own marker', () => {
    for (const field of SIGNAL_PERSONAL_FIELDS)
      expect({ field, value: at(signal, field) }).toEqual({ field, value: mark(field) });
  });

  it.each([
    ['a whole Signal at the top level', (s: Signal) => s],
    ['a Signal under a key', (s: Signal) => ({ signal: s, signalId: s.id })],
    ['a Signal next to an error', (s: Signal) => ({ err: new Error('boom'), signal: s })],
  ])('%s: no personal field is written, the facts are', async (_name, wrap) => {
    const output = await logged((logger) => logger.warn(wrap(signal), 'something went wrong'));
    for (const field of SIGNAL_PERSONAL_FIELDS)
      expect({ field, leaked: output.includes(mark(field)) }).toEqual({ field, leaked: false });
    expect(output).not.toContain(MARK);
    expect(output).toContain('[redacted]');
    expect(output).toContain('sig-redaction');
  });

  it('a stored (versioned) Signal under a key: its value is not written', async () => {
    const output = await logged((logger) => logger.warn({ stored: { value: signal, etag: '"1"' } }, 'conflict'));
    expect(output).not.toContain(MARK);
    expect(output).toContain('etag');
  });

  it('keeps the signal facts an operator needs', async () => {
    const output = await logged((logger) => logger.info({ signal }, 'loaded'));
    const line = JSON.parse(output)[0].signal;
    expect(line).toMatchObject({ id: 'sig-redaction', reference: 'KS-2026-0099', kind: 'complaint', step: 'employee' });
  });

  it.each([
    ['at the top level', (data: object) => data],
    ['under a key', (data: object) => ({ intake: data })],
  ])('an intake %s: no personal field is written', async (_name, wrap) => {
    const intake = Object.fromEntries(INTAKE_PERSONAL_FIELDS.map((field) => [field, mark(field)]));
    const output = await logged((logger) => logger.info(wrap({ ...intake, kind: 'complaint' }), 'intake'));
    for (const field of INTAKE_PERSONAL_FIELDS)
      expect({ field, leaked: output.includes(mark(field)) }).toEqual({ field, leaked: false });
    expect(output).toContain('complaint');
  });

  it('a card submit or message text is not written, nor credentials', async () => {
    const output = await logged((logger) => {
      logger.info({ text: mark('text'), value: { parentName: mark('value') } }, 'activity');
      logger.info({ activity: { text: mark('activity.text'), value: mark('activity.value') } }, 'activity');
      logger.info({ req: { headers: { authorization: mark('authorization') } } }, 'request');
      logger.info({ headers: { authorization: mark('headers.authorization') } }, 'request');
      logger.info({ appPassword: mark('appPassword'), cosmos: { key: mark('cosmos.key') } }, 'settings');
    });
    expect(output).not.toContain(MARK);
  });
});
