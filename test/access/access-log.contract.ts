import type { AccessLog, AccessLogEntry } from '../../src/app/access';

/** Opens a fresh, empty access log (a new SQLite file or a new Cosmos database). */
export type AccessLogFactory = () => Promise<AccessLog>;

const entry = (overrides: Partial<AccessLogEntry>): AccessLogEntry => ({
  personId: 'aad-isaiah',
  signalId: 'signal-1',
  reference: 'KS-2026-0001',
  action: 'view',
  at: '2026-11-25T09:00:00.000Z',
  ...overrides,
});

export function accessLogContract(name: string, open: AccessLogFactory): void {
  describe(`AccessLog contract: ${name}`, () => {
    let log: AccessLog;

    beforeEach(async () => {
      log = await open();
    });

    afterEach(async () => {
      await log.close();
    });

    test('records entries and lists them per signal and per person, oldest first', async () => {
      await log.record(entry({ at: '2026-11-25T09:00:02.000Z', action: 'export' }));
      await log.record(entry({ at: '2026-11-25T09:00:01.000Z' }));
      await log.record(entry({ personId: 'aad-alex', at: '2026-11-25T09:00:03.000Z' }));
      await log.record(
        entry({ signalId: 'signal-2', reference: 'KS-2026-0002', at: '2026-11-25T09:00:04.000Z', action: 'search' }),
      );

      const forSignal = await log.list({ signalId: 'signal-1' });
      expect(forSignal.map((e) => [e.personId, e.action, e.at])).toEqual([
        ['aad-isaiah', 'view', '2026-11-25T09:00:01.000Z'],
        ['aad-isaiah', 'export', '2026-11-25T09:00:02.000Z'],
        ['aad-alex', 'view', '2026-11-25T09:00:03.000Z'],
      ]);
      expect(forSignal[0]).toEqual(entry({ at: '2026-11-25T09:00:01.000Z' }));

      const forPerson = await log.list({ personId: 'aad-isaiah' });
      expect(forPerson.map((e) => e.reference)).toEqual(['KS-2026-0001', 'KS-2026-0001', 'KS-2026-0002']);
      expect(await log.list({ personId: 'aad-isaiah', signalId: 'signal-2' })).toHaveLength(1);
      expect(await log.list({})).toHaveLength(4);
      expect(await log.list({ signalId: 'nobody-read-this' })).toEqual([]);
    });

    test('init is idempotent and keeps what was recorded', async () => {
      await log.record(entry({}));
      await log.init();
      expect(await log.list({ signalId: 'signal-1' })).toHaveLength(1);
    });
  });
}
