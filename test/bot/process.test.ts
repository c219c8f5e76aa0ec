import { randomUUID } from 'node:crypto';
import {
  actionData,
  BotDriver,
  buttonData,
  cardText,
  findInput,
  moveButtons,
  primaryMoves,
} from '../support/test-adapter';
import { PEOPLE, testServices, validIntake } from '../support/services';

type Person = { id: string; name: string };

describe('one complaint through every step, in cards', () => {
  let driver: BotDriver;
  let services: Awaited<ReturnType<typeof testServices>>;
  let signalId: string;

  /** Opens a move's form as a person would, then saves it with the given inputs. */
  async function move(person: Person, name: string, inputs: Record<string, string> = {}) {
    // Click the move's button on the current card, exactly with the data the card carries.
    const current = await driver.execute(person, 'signal.open', { signalId });
    const button = buttonData(current.card, name);
    if (!button) throw new Error(`no button for ${name}: ${moveButtons(current.card).join(', ')}`);
    expect(button).toEqual({ signalId, move: name });
    const form = await driver.execute(person, 'signal.form', button);
    const submit = actionData(form.card, 'signal.move');
    if (!submit) throw new Error(`no form for ${name}: ${cardText(form.card)}`);
    return driver.execute(person, 'signal.move', { ...submit, ...inputs });
  }

  beforeAll(async () => {
    services = await testServices('2026-11-25T10:00:00+01:00');
    driver = new BotDriver(services);
    signalId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId: signalId, ...validIntake() });
  });

  it('shows the employee the card with the 6-week date and the first actions', async () => {
    const { card } = await driver.execute(PEOPLE.employee, 'signal.open', { signalId });
    const text = cardText(card);
    expect(text).toContain('KS-2026-0001 · Klacht');
    expect(text).toContain('Wettelijke termijn (6 weken)');
    expect(text).toContain('di 5 jan 2027');
    expect(text).toContain('op tijd');
    expect(text).toContain('Sanne de Vries');
    expect(moveButtons(card)).toEqual(
      expect.arrayContaining(['handle', 'escalateToLocation', 'escalateToOrganisation']),
    );
    // The next step first and primary: handle it, or take it to the centre.
    expect(primaryMoves(card)).toEqual(['handle', 'escalateToLocation']);
    expect(moveButtons(card)).not.toContain('close');
  });

  it('refuses closing before the satisfaction question, in Dutch', async () => {
    const form = await driver.execute(PEOPLE.employee, 'signal.form', { signalId, move: 'close' });
    expect(cardText(form.card)).toContain('Vraag eerst of de ouder tevreden is');
  });

  it('keeps what was typed when a form is incomplete', async () => {
    const result = await move(PEOPLE.employee, 'handle', {
      summary: 'Gesprek gehad bij het ophalen',
      satisfaction: '',
    });
    expect(cardText(result.card)).toContain('Vul dit in.');
    expect(findInput(result.card, 'summary')?.value).toBe('Gesprek gehad bij het ophalen');
  });

  it('walks the complaint from step 0 to step 4 with the right deadlines and history', async () => {
    let result = await move(PEOPLE.employee, 'handle', {
      summary: 'Gesprek gehad bij het ophalen',
      satisfaction: 'notSatisfied',
    });
    expect(cardText(result.card)).toContain('Niet tevreden');

    result = await move(PEOPLE.employee, 'escalateToLocation', { locationManager: PEOPLE.locationManager.id });
    expect(cardText(result.card)).toContain('Stap 1 · kindercentrum');

    result = await move(PEOPLE.locationManager, 'escalateToOrganisation', {
      manager: PEOPLE.manager.id,
      supporter: PEOPLE.quality.id,
      receivedOn: '2026-11-25',
    });
    let text = cardText(result.card);
    expect(text).toContain('Stap 2 · organisatie');
    expect(text).toContain('Bevestiging (deze week)');
    expect(text).toContain('zo 29 nov 2026');
    expect(text).toContain('Gesprek (binnen 2 weken)');
    expect(text).toContain('wo 9 dec 2026');

    // Confirmation carries the appointment: plan first.
    const early = await driver.execute(PEOPLE.manager, 'signal.form', { signalId, move: 'confirmationSent' });
    expect(cardText(early.card)).toContain('Plan eerst het gesprek');

    result = await move(PEOPLE.manager, 'conversationPlanned', { plannedDate: '2026-12-03', plannedTime: '10:00' });
    expect(cardText(result.card)).toContain('do 3 dec 2026 10:00');
    result = await move(PEOPLE.manager, 'confirmationSent');
    text = cardText(result.card);
    expect(text).toContain('Bevestigingsbrief');
    expect(text).toContain(
      'Wij nodigen u uit voor een gesprek over uw klacht op donderdag 3 december 2026 om 10:00 uur.',
    );

    services.clock.set(new Date('2026-12-03T11:00:00+01:00'));
    result = await move(PEOPLE.manager, 'conversationHeld', {
      heldOn: '2026-12-03',
      notes: 'Afspraken gemaakt over de overdracht',
    });
    expect(cardText(result.card)).toContain('Gesprek gevoerd: opgeslagen.');
    result = await move(PEOPLE.manager, 'recordDecision', {
      text: 'De klacht is deels gegrond: de overdracht was te kort.',
      measure1: 'Overdracht van 5 minuten bij elke ophaalmoment',
      measure1Deadline: '2027-01-15',
      sentOn: '2026-12-03',
      tenor: 'founded',
      sentVia: 'email',
    });
    expect(cardText(result.card)).toContain('Brief met de uitkomst');

    result = await move(PEOPLE.manager, 'fileComplaintsDesk', { filedOn: '2026-12-03', caseNumber: 'KL-123' });
    expect(cardText(result.card)).toContain('Stap 3 · Klachtenloket');
    await move(PEOPLE.manager, 'complaintsDeskOutcome', { outcome: 'Geen oplossing bereikt' });
    result = await move(PEOPLE.manager, 'fileDispute', { filedOn: '2026-12-03', caseNumber: 'GC-456' });
    text = cardText(result.card);
    expect(text).toContain('Stap 4 · Geschillencommissie');
    expect(text).not.toContain('meer dan 12 maanden');
    result = await move(PEOPLE.manager, 'disputeRuling', {
      ruling: 'partlyFounded',
      obligations: 'Extra scholing',
      obligationsDeadline: '2027-03-01',
    });
    expect(cardText(result.card)).toContain('Deels gegrond');

    // After step 2 the parent is asked again before the complaint closes.
    const notYet = await driver.execute(PEOPLE.manager, 'signal.form', { signalId, move: 'close' });
    expect(cardText(notYet.card)).toContain('Vraag eerst of de ouder tevreden is');
    await move(PEOPLE.manager, 'handle', { summary: 'Uitspraak besproken', satisfaction: 'partly' });
    result = await move(PEOPLE.manager, 'close');
    text = cardText(result.card);
    expect(text).toContain('Gesloten');
    expect(moveButtons(result.card)).toEqual(['reopen']);
  });

  it('reopens with a reason and asks for satisfaction again before closing', async () => {
    let result = await move(PEOPLE.manager, 'reopen', { reason: 'Ouder belde opnieuw' });
    expect(cardText(result.card)).toContain('Heropend: Ouder belde opnieuw');
    const close = await driver.execute(PEOPLE.manager, 'signal.form', { signalId, move: 'close' });
    expect(cardText(close.card)).toContain('Vraag eerst of de ouder tevreden is');
    await move(PEOPLE.manager, 'handle', { summary: 'Nagebeld', satisfaction: 'satisfied' });
    result = await move(PEOPLE.manager, 'close');
    expect(cardText(result.card)).toContain('Gesloten');
  });

  it('keeps every change in the history, which only grows', async () => {
    const stored = await driver.services.store.get(signalId);
    const types = stored!.value.history.map((event) => event.type);
    expect(types).toEqual([
      'registered',
      'handled',
      'escalatedToLocation',
      'escalatedToOrganisation',
      'conversationPlanned',
      'confirmationSent',
      'letterGenerated',
      'conversationHeld',
      'decisionRecorded',
      'letterGenerated',
      'complaintsDeskFiled',
      'complaintsDeskOutcome',
      'disputeFiled',
      'disputeRuling',
      'handled',
      'closed',
      'reopened',
      'handled',
      'closed',
    ]);
  });

  it('records a re-sent form once', async () => {
    const form = await driver.execute(PEOPLE.manager, 'signal.form', { signalId, move: 'reopen' });
    const submit = { ...actionData(form.card, 'signal.move'), reason: 'Tweede keer' };
    await driver.execute(PEOPLE.manager, 'signal.move', submit);
    const again = await driver.execute(PEOPLE.manager, 'signal.move', submit);
    expect(cardText(again.card)).toContain('Dit was al opgeslagen.');
    const stored = await driver.services.store.get(signalId);
    expect(stored!.value.history.filter((event) => event.type === 'reopened')).toHaveLength(2);
  });

  it('reveals nothing to someone without access', async () => {
    const { card } = await driver.execute(PEOPLE.otherEmployee, 'signal.open', { signalId });
    expect(cardText(card)).toContain('kan ik niet tonen');
    expect(cardText(card)).not.toContain('KS-2026');
  });
});
