/**
 * The legal core through the bot, as the people would use it in Teams: a klacht answered in writing
 * on day 30 and closed on day 60 is settled in time on its card, in `te laat` and in `overzicht`;
 * nothing closes without paper; a zorg that turns out to be a klacht gets the legal clock.
 */
import { randomUUID } from 'node:crypto';
import { actionData, BotDriver, buttonData, cardOf, cardText, moveButtons } from '../support/test-adapter';
import { PEOPLE, testServices, validIntake } from '../support/services';

type Person = { id: string; name: string };

describe('the legal core, in cards', () => {
  let driver: BotDriver;
  let services: Awaited<ReturnType<typeof testServices>>;

  async function open(person: Person, signalId: string) {
    return driver.execute(person, 'signal.open', { signalId });
  }

  /** Presses a move's button on the current card, then saves its form with the given inputs. */
  async function move(person: Person, signalId: string, name: string, inputs: Record<string, string> = {}) {
    const current = await open(person, signalId);
    const button = buttonData(current.card, name);
    if (!button) throw new Error(`no button for ${name}: ${moveButtons(current.card).join(', ')}`);
    const form = await driver.execute(person, 'signal.form', button);
    const submit = actionData(form.card, 'signal.move');
    if (!submit) return form;
    return driver.execute(person, 'signal.move', { ...submit, ...inputs });
  }

  async function register(kind = 'complaint'): Promise<string> {
    const signalId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId: signalId, ...validIntake({ kind }) });
    return signalId;
  }

  beforeAll(async () => {
    services = await testServices('2026-11-25T10:00:00+01:00');
    driver = new BotDriver(services);
  });

  it('a klacht answered in writing on day 30 and closed on day 60 is settled in time everywhere', async () => {
    // Received Tuesday 24 November 2026: the six weeks end on Tuesday 5 January 2027.
    const signalId = await register();
    await move(PEOPLE.employee, signalId, 'handle', {
      summary: 'Afspraken over de overdracht',
      satisfaction: 'satisfied',
    });

    // Nothing closes without paper: the close is not offered, and its form says why.
    expect(moveButtons((await open(PEOPLE.employee, signalId)).card)).not.toContain('close');
    const refused = await driver.execute(PEOPLE.employee, 'signal.form', { signalId, move: 'close' });
    expect(cardText(refused.card)).toContain('Een klacht sluit pas als de ouder de uitkomst op papier heeft');

    // Day 30: the letter confirming what was agreed, prefilled with the handling.
    services.clock.set(new Date('2026-12-24T10:00:00+01:00'));
    const form = await driver.execute(PEOPLE.employee, 'signal.form', { signalId, move: 'recordDecision' });
    const formText = cardText(form.card);
    expect(formText).toContain('Afspraken schriftelijk bevestigen');
    expect(JSON.stringify(form.card)).toContain('Afspraken over de overdracht');
    let result = await move(PEOPLE.employee, signalId, 'recordDecision', {
      text: 'Wij spraken af dat de overdracht voortaan vijf minuten duurt.',
      tenor: 'resolvedByAgreement',
      sentOn: '2026-12-24',
      sentVia: 'email',
    });
    expect(cardText(result.card)).toContain('afgehandeld op do 24 dec 2026 (op tijd)');
    const stored = (await services.store.get(signalId))!.value;
    expect(stored.letters?.at(-1)?.subject).toContain('Wat wij met u hebben afgesproken');
    expect(stored.decision).toMatchObject({ form: 'agreement', tenor: 'resolvedByAgreement' });

    // The parent goes to the Klachtenloket anyway; the complaint stays settled in time.
    services.clock.set(new Date('2027-01-10T10:00:00+01:00'));
    await move(PEOPLE.employee, signalId, 'fileComplaintsDesk', { filedOn: '2027-01-08', caseNumber: 'KL-77' });
    const [overdue] = await driver.say(PEOPLE.quality, 'te laat');
    expect(cardText(cardOf(overdue))).not.toContain(stored.reference);

    // Day 60: closed.
    services.clock.set(new Date('2027-01-23T10:00:00+01:00'));
    result = await move(PEOPLE.employee, signalId, 'close');
    const closedText = cardText(result.card);
    expect(closedText).toContain('Gesloten');
    expect(closedText).toContain('afgehandeld op do 24 dec 2026 (op tijd)');

    const [summary] = await driver.say(PEOPLE.quality, 'overzicht 2026');
    expect(cardText(cardOf(summary))).toContain('1 van 1 (100%)');
  });

  it('a parent who is not satisfied: escalation is offered first, closing anyway asks why', async () => {
    services.clock.set(new Date('2026-11-25T10:00:00+01:00'));
    const signalId = await register();
    await move(PEOPLE.employee, signalId, 'handle', { summary: 'Niet eens', satisfaction: 'notSatisfied' });
    const card = (await open(PEOPLE.employee, signalId)).card;
    expect(moveButtons(card)).toEqual(expect.arrayContaining(['escalateToLocation', 'escalateToOrganisation']));
    await move(PEOPLE.employee, signalId, 'recordDecision', {
      text: 'Wij hebben uw klacht besproken.',
      tenor: 'unfounded',
      sentOn: '2026-11-25',
      sentVia: 'letter',
    });
    const closeForm = await driver.execute(PEOPLE.employee, 'signal.form', { signalId, move: 'close' });
    expect(cardText(closeForm.card)).toContain('sluit je het toch, schrijf dan waarom');
    const submit = actionData(closeForm.card, 'signal.move')!;
    const empty = await driver.execute(PEOPLE.employee, 'signal.move', { ...submit });
    expect(cardText(empty.card)).toContain('Vul dit in.');
    const closed = await driver.execute(PEOPLE.employee, 'signal.move', { ...submit, reason: 'Ouder wil niet verder' });
    expect(cardText(closed.card)).toContain('Gesloten');
  });

  it('a zorg that is a klacht is reclassified and gets the legal clock from its receipt', async () => {
    services.clock.set(new Date('2026-11-25T10:00:00+01:00'));
    const signalId = await register('concern');
    expect(cardText((await open(PEOPLE.employee, signalId)).card)).not.toContain('Wettelijke termijn');
    const result = await move(PEOPLE.employee, signalId, 'reclassify', { kind: 'complaint' });
    const text = cardText(result.card);
    expect(text).toContain('Klacht');
    expect(text).toContain('Wettelijke termijn (6 weken)');
    expect(text).toContain('di 5 jan 2027');
    const stored = (await services.store.get(signalId))!.value;
    expect(stored.history.at(-1)).toMatchObject({ type: 'reclassified', before: { kind: 'concern' } });
  });

  it('a conversation planned after the two weeks needs a reason, shown on the card', async () => {
    services.clock.set(new Date('2026-11-25T10:00:00+01:00'));
    const signalId = await register();
    await move(PEOPLE.employee, signalId, 'escalateToOrganisation', { manager: PEOPLE.manager.id });
    // Received by the organisation on Wednesday 25 November: conversation by Wednesday 9 December.
    const late = await move(PEOPLE.manager, signalId, 'conversationPlanned', {
      plannedDate: '2026-12-10',
      plannedTime: '10:00',
    });
    expect(cardText(late.card)).toContain('Dit gesprek valt na de termijn van twee weken');
    const planned = await move(PEOPLE.manager, signalId, 'conversationPlanned', {
      plannedDate: '2026-12-10',
      plannedTime: '10:00',
      lateReason: 'De ouder is tot 9 december op reis',
    });
    expect(cardText(planned.card)).toContain('De ouder is tot 9 december op reis');
  });
});
