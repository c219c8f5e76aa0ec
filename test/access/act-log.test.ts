/**
 * Every process move made on a signal is in the access log as `act` (who, which signal, when): once
 * per move, also when the move had to be re-applied after a concurrent change; never for a re-sent
 * move, a refused one, or a person who may not act on the signal.
 */
import { randomUUID } from 'node:crypto';
import { performMove } from '../../src/app/signal-moves';
import { ConcurrencyError, type SignalStore } from '../../src/app/ports';
import type { AccessLogEntry } from '../../src/app/access';
import { BotDriver } from '../support/test-adapter';
import { commandServices, personOf, ROLE_PEOPLE, seed, type TestServices } from '../commands/fixtures';

const acts = async (services: TestServices, signalId: string) =>
  (await services.accessLog.list({ signalId }))
    .filter((entry) => entry.action === 'act')
    .map(({ personId, reference, at }: AccessLogEntry) => [personId, reference, at]);

describe('moves in the access log', () => {
  it('records each move made through the bot once, and nothing for re-sent, refused or denied moves', async () => {
    const services = await commandServices();
    // A vraag: it closes after the satisfaction answer (a klacht would first need its written outcome).
    const [signal] = await seed(services, [{ sequence: 1, kind: 'question', by: ROLE_PEOPLE.employee }]);
    const driver = new BotDriver(services);
    const at = (iso: string) => services.clock.set(new Date(iso));
    const handle = {
      signalId: signal!.id,
      move: 'handle',
      formId: randomUUID(),
      summary: 'Gebeld',
      satisfaction: 'satisfied',
    };

    at('2026-11-25T09:00:00Z');
    await driver.execute(ROLE_PEOPLE.employee, 'signal.move', handle);
    at('2026-11-25T09:01:00Z');
    await driver.execute(ROLE_PEOPLE.employee, 'signal.move', handle); // the same form sent again
    at('2026-11-25T09:02:00Z');
    await driver.execute(ROLE_PEOPLE.otherEmployee, 'signal.move', {
      signalId: signal!.id,
      move: 'close',
      formId: randomUUID(),
    });
    await driver.execute(ROLE_PEOPLE.mt, 'signal.move', { signalId: signal!.id, move: 'close', formId: randomUUID() });
    at('2026-11-25T09:03:00Z');
    await driver.execute(ROLE_PEOPLE.locationManager, 'signal.move', {
      signalId: signal!.id,
      move: 'handle',
      formId: randomUUID(),
      summary: '',
      satisfaction: 'satisfied',
    }); // refused: no summary (and already handled)
    at('2026-11-25T09:04:00Z');
    await driver.execute(ROLE_PEOPLE.locationManager, 'signal.move', {
      signalId: signal!.id,
      move: 'close',
      formId: randomUUID(),
    });

    expect((await services.store.get(signal!.id))!.value.status).toBe('closed');
    expect(await acts(services, signal!.id)).toEqual([
      [ROLE_PEOPLE.employee.id, 'KS-2026-0001', '2026-11-25T09:00:00.000Z'],
      [ROLE_PEOPLE.locationManager.id, 'KS-2026-0001', '2026-11-25T09:04:00.000Z'],
    ]);
    expect(await services.accessLog.list({ personId: ROLE_PEOPLE.otherEmployee.id })).toEqual([]);
    // mt may view the signal (the refusal shows its card) but not act on it.
    const mt = await services.accessLog.list({ personId: ROLE_PEOPLE.mt.id });
    expect(mt.map((entry) => entry.action)).not.toContain('act');
  });

  it('records a move re-applied after a concurrent change once', async () => {
    const services = await commandServices();
    const [signal] = await seed(services, [{ sequence: 1, by: ROLE_PEOPLE.employee }]);
    let conflicts = 1;
    // The first write loses the race once, as when a colleague saved the signal a moment earlier.
    const store: SignalStore = Object.create(services.store, {
      replace: {
        value: async (...args: Parameters<SignalStore['replace']>) => {
          if (conflicts > 0) {
            conflicts -= 1;
            throw new ConcurrencyError(signal!.id);
          }
          return services.store.replace(...args);
        },
      },
    });
    services.clock.set(new Date('2026-11-26T08:30:00Z'));
    const outcome = await performMove(
      { store, directory: services.directory, clock: services.clock, accessLog: services.accessLog },
      {
        signalId: signal!.id,
        command: { name: 'handle', input: { summary: 'Gebeld', satisfaction: 'partly' } },
        actor: await personOf(services, 'employee'),
        eventId: 'form-1',
      },
    );
    expect(outcome.kind).toBe('done');
    expect(conflicts).toBe(0);
    expect(await acts(services, signal!.id)).toEqual([
      [ROLE_PEOPLE.employee.id, 'KS-2026-0001', '2026-11-26T08:30:00.000Z'],
    ]);
  });
});
