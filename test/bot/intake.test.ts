import { randomUUID } from 'node:crypto';
import { actionData, BotDriver, cardOf, cardText, findInput } from '../support/test-adapter';
import { PEOPLE, testServices, validIntake } from '../support/services';

describe('intake through the bot', () => {
  let driver: BotDriver;

  beforeEach(async () => {
    driver = new BotDriver(await testServices());
  });

  it('answers help and hulp with the command list', async () => {
    for (const word of ['help', 'hulp', 'HELP ']) {
      const [reply] = await driver.say(PEOPLE.employee, word);
      expect(cardText(cardOf(reply))).toContain('Nieuw signaal registreren');
    }
  });

  it('suggests the closest command for a typo, in Dutch', async () => {
    const [reply] = await driver.say(PEOPLE.employee, 'nieuuw');
    expect(reply?.text).toContain('Bedoelde je **nieuw**');
  });

  it('shows the intake card for nieuw, with today as the date received', async () => {
    const [reply] = await driver.say(PEOPLE.employee, 'nieuw');
    const card = cardOf(reply);
    expect(card.version).toBe('1.5');
    expect(findInput(card, 'receivedOn')?.value).toBe('2026-11-25');
    expect(findInput(card, 'kind')).toBeDefined();
  });

  it('registers a complaint and replaces the card with its summary and 6-week date', async () => {
    const intakeId = randomUUID();
    const result = await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId, ...validIntake() });
    expect(result.status).toBe(200);
    const text = cardText(result.card);
    expect(text).toMatch(/KS-2026-0001/);
    expect(text).toContain('Klacht');
    expect(text).toContain('di 5 jan 2027');
    const stored = await driver.services.store.getByReference('KS-2026-0001');
    expect(stored?.value.id).toBe(intakeId);
    expect(stored?.value.registeredBy.id).toBe(PEOPLE.employee.id);
    expect(stored?.value.history).toHaveLength(1);
  });

  it('keeps what was typed and marks each wrong field in Dutch', async () => {
    const intakeId = randomUUID();
    const data = validIntake({ parentEmail: 'geen-adres', parentPhone: '', description: '', kind: 'weird' });
    const result = await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId, ...data });
    const text = cardText(result.card);
    expect(text).toContain('Dit is geen geldig e-mailadres.');
    expect(text).toContain('Vul dit in.');
    expect(text).toContain('Kies een van de mogelijkheden.');
    expect(findInput(result.card, 'parentEmail')?.value).toBe('geen-adres');
    expect(findInput(result.card, 'parentName')?.value).toBe('Sanne de Vries');
    expect(await driver.services.store.get(intakeId)).toBeUndefined();
  });

  it('registers one signal when the same card is submitted twice', async () => {
    const intakeId = randomUUID();
    const first = await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId, ...validIntake() });
    const second = await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId, ...validIntake() });
    expect(cardText(first.card)).toContain('KS-2026-0001');
    expect(cardText(second.card)).toContain('KS-2026-0001');
    expect(cardText(second.card)).toContain('al geregistreerd');
    expect(await driver.services.store.getByReference('KS-2026-0002')).toBeUndefined();
  });

  it('gives a colleague who submits an already used card their text back on a fresh card, and nothing of the other signal', async () => {
    const intakeId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId, ...validIntake() });
    const theirs = { ...validIntake(), description: 'Vader vraagt om een ander wenmoment voor zijn dochter.' };
    const second = await driver.execute(PEOPLE.otherEmployee, 'intake.submit', { intakeId, ...theirs });
    const text = cardText(second.card);
    expect(text).toContain('al door een collega gebruikt');
    expect(text).not.toMatch(/KS-\d{4}-\d{4}/);
    expect(findInput(second.card, 'description')?.value).toBe(theirs.description);
    const fresh = actionData(second.card, 'intake.submit');
    expect(fresh?.intakeId).not.toBe(intakeId);
    const registered = await driver.execute(PEOPLE.otherEmployee, 'intake.submit', { ...fresh, ...theirs });
    expect(cardText(registered.card)).toContain('Signaal geregistreerd');
    expect((await driver.services.store.get(intakeId))?.value.registeredBy.id).toBe(PEOPLE.employee.id);
  });

  it('answers an unknown person politely without registering anything', async () => {
    const stranger = { id: 'ffffffff-0000-0000-0000-000000000000', name: 'Onbekend' };
    const result = await driver.execute(stranger, 'intake.submit', { intakeId: randomUUID(), ...validIntake() });
    expect(result.message).toContain('nog niet bekend');
  });

  it('answers an unknown verb with a Dutch card, not an error', async () => {
    const result = await driver.execute(PEOPLE.employee, 'does.not.exist', {});
    expect(result.status).toBe(200);
    expect(cardText(result.card)).toContain('niet meer ondersteund');
  });
});
