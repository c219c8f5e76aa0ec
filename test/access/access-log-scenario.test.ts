import { randomUUID } from 'node:crypto';
import { BotDriver, cardOf, cardText } from '../support/test-adapter';
import { validIntake } from '../support/services';
import { commandServices, ROLE_PEOPLE } from '../commands/fixtures';

describe('access log after a scenario', () => {
  it("records every read of a signal's details, and nothing for denials or lists", async () => {
    const services = await commandServices();
    const driver = new BotDriver(services);
    const at = (iso: string) => services.clock.set(new Date(iso));

    at('2026-11-25T09:00:00Z');
    const registered = await driver.execute(ROLE_PEOPLE.employee, 'intake.submit', {
      intakeId: randomUUID(),
      ...validIntake(),
    });
    expect(cardText(registered.card)).toContain('KS-2026-0001');
    const signal = (await services.store.getByReference('KS-2026-0001'))!.value;

    at('2026-11-25T09:05:00Z');
    await driver.say(ROLE_PEOPLE.employee, 'mijn'); // a list: no details read
    at('2026-11-25T09:10:00Z');
    await driver.say(ROLE_PEOPLE.quality, 'status KS-2026-0001');
    at('2026-11-25T09:15:00Z');
    const denied = await driver.say(ROLE_PEOPLE.otherEmployee, 'status KS-2026-0001');
    expect(cardText(cardOf(denied[0]))).toContain('Ik kan geen signaal');
    at('2026-11-25T09:20:00Z');
    await driver.say(ROLE_PEOPLE.locationManager, 'zoek sanne'); // found by the parent's name
    at('2026-11-25T09:25:00Z');
    await driver.say(ROLE_PEOPLE.mt, 'zoek sanne'); // mt may not search personal data: no hit, no entry
    at('2026-11-25T09:30:00Z');
    await driver.execute(ROLE_PEOPLE.mt, 'signal.open', { signalId: signal.id });

    const entries = await services.accessLog.list({ signalId: signal.id });
    expect(entries.map(({ personId, action, at: when, reference }) => [personId, action, when, reference])).toEqual([
      [ROLE_PEOPLE.quality.id, 'view', '2026-11-25T09:10:00.000Z', 'KS-2026-0001'],
      [ROLE_PEOPLE.locationManager.id, 'search', '2026-11-25T09:20:00.000Z', 'KS-2026-0001'],
      [ROLE_PEOPLE.mt.id, 'view', '2026-11-25T09:30:00.000Z', 'KS-2026-0001'],
    ]);
    expect(await services.accessLog.list({ personId: ROLE_PEOPLE.otherEmployee.id })).toEqual([]);
  });
});
