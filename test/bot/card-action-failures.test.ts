/**
 * A card action that fails or is refused must not take away what the person typed: a failure is
 * answered with a message (Teams leaves the card, inputs and all), and a refused move comes back
 * as the same form with the text in it and the reason above it.
 */
import { randomUUID } from 'node:crypto';
import { nl } from '../../src/i18n/nl';
import { actionData, BotDriver, cardText, findInput } from '../support/test-adapter';
import { PEOPLE, testServices, validIntake } from '../support/services';

const SUMMARY = 'Met moeder gebeld over de kwijtgeraakte knuffel; ze wil een vast ophaalmoment.';

describe('card actions that fail or are refused keep what was typed', () => {
  let driver: BotDriver;
  let services: Awaited<ReturnType<typeof testServices>>;
  let signalId: string;

  beforeEach(async () => {
    services = await testServices('2026-11-25T10:00:00+01:00');
    driver = new BotDriver(services);
    signalId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId: signalId, ...validIntake() });
  });

  afterEach(async () => {
    await services.store.close();
  });

  const openForm = async (person: { id: string; name: string }, move: string) => {
    const form = await driver.execute(person, 'signal.form', { signalId, move });
    const submit = actionData(form.card, 'signal.move');
    if (!submit) throw new Error(`no ${move} form: ${cardText(form.card)}`);
    return submit;
  };

  it('answers a failed save with a Dutch message, so the card keeps its inputs; the same press later saves once', async () => {
    const submit = await openForm(PEOPLE.employee, 'handle');
    const replace = services.store.replace.bind(services.store);
    services.store.replace = async () => {
      throw new Error('store unavailable');
    };
    const failed = await driver.execute(PEOPLE.employee, 'signal.move', {
      ...submit,
      summary: SUMMARY,
      satisfaction: 'satisfied',
    });
    expect(failed).toMatchObject({ status: 200, message: nl.errors.generic });
    expect(driver.adapter.activeQueue.filter((activity) => activity.type === 'message')).toEqual([]);

    services.store.replace = replace;
    const saved = await driver.execute(PEOPLE.employee, 'signal.move', {
      ...submit,
      summary: SUMMARY,
      satisfaction: 'satisfied',
    });
    expect(cardText(saved.card)).toContain('opgeslagen');
    const stored = await services.store.get(signalId);
    expect(stored?.value.history.filter((event) => event.type === 'handled')).toHaveLength(1);
  });

  it('answers an unknown person with a message, not a card that replaces theirs', async () => {
    const stranger = { id: '00000000-0000-0000-0000-00000000ffff', name: 'Onbekend' };
    const answer = await driver.execute(stranger, 'signal.open', { signalId });
    expect(answer.message).toBe(nl.errors.unknownPerson);
  });

  it('keeps the form, choice and reason when someone else moved the signal on meanwhile', async () => {
    const mine = await openForm(PEOPLE.employee, 'escalateToLocation');
    const theirs = await openForm(PEOPLE.quality, 'escalateToLocation');
    await driver.execute(PEOPLE.quality, 'signal.move', { ...theirs, locationManager: PEOPLE.locationManager.id });

    const refused = await driver.execute(PEOPLE.employee, 'signal.move', {
      ...mine,
      locationManager: PEOPLE.locationManager.id,
    });
    expect(findInput(refused.card, 'locationManager')?.value).toBe(PEOPLE.locationManager.id);
    expect(actionData(refused.card, 'signal.move')).toMatchObject({ formId: mine.formId });
    expect(cardText(refused.card)).toContain('Deze stap past niet bij waar het signaal nu staat.');
    const stored = await services.store.get(signalId);
    expect(stored?.value.history.filter((event) => event.type === 'escalatedToLocation')).toHaveLength(1);
  });
});
