/**
 * Help by role, a sentence about a klacht, `zoek` with an example, and lists that name their
 * deadline — `termijnen` with a later deadline in its window behind one already late (issue 23).
 * Through the real bot on botbuilder's TestAdapter and a real store.
 */
import { randomUUID } from 'node:crypto';
import { PEOPLE, testServices, validIntake } from '../support/services';
import { actionData, BotDriver, cardOf, cardText } from '../support/test-adapter';

describe('help, hints and lists', () => {
  let driver: BotDriver;
  let services: Awaited<ReturnType<typeof testServices>>;

  beforeAll(async () => {
    services = await testServices('2026-11-25T10:00:00+01:00');
    driver = new BotDriver(services);
  });

  const helpText = async (person: { id: string; name: string }) =>
    cardText(cardOf((await driver.say(person, 'help'))[0]));

  it('help offers a medewerker only what a medewerker can use; staf kw also export and analyse', async () => {
    const employee = await helpText(PEOPLE.employee);
    expect(employee).toContain('nieuw');
    expect(employee).toContain('termijnen');
    expect(employee).not.toMatch(/^export$/m);
    expect(employee).not.toMatch(/^analyse$/m);
    const quality = await helpText(PEOPLE.quality);
    expect(quality).toMatch(/^export$/m);
    expect(quality).toMatch(/^analyse$/m);
    // Help shows how to search.
    expect(employee).toContain('bijvoorbeeld: zoek zonnebloem');
  });

  it('a sentence about a klacht points to nieuw instead of an unknown command', async () => {
    const [reply] = await driver.say(PEOPLE.employee, 'hallo, kun je me helpen met een klacht?');
    expect(reply?.text).toContain('Typ **nieuw**');
    expect(reply?.text).not.toContain('Ik ken de opdracht');
    const [typo] = await driver.say(PEOPLE.employee, 'termijen');
    expect(typo?.text).toContain('Bedoelde je **termijnen**?');
  });

  it('zoek without text shows an example', async () => {
    const [reply] = await driver.say(PEOPLE.employee, 'zoek');
    expect(cardText(cardOf(reply))).toContain('bijvoorbeeld **zoek zonnebloem**');
  });

  it('termijnen finds a later deadline inside its window behind a late one, and lists name the deadline', async () => {
    const signalId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', {
      intakeId: signalId,
      ...validIntake({ receivedOn: '2026-11-16' }),
    });
    // Received by the organisation on Monday 16 November: confirmation by Sunday 22 November (late
    // now), the conversation by Monday 30 November, the six weeks on Monday 28 December.
    const form = await driver.execute(PEOPLE.employee, 'signal.form', { signalId, move: 'escalateToOrganisation' });
    await driver.execute(PEOPLE.employee, 'signal.move', {
      ...actionData(form.card, 'signal.move'),
      manager: PEOPLE.manager.id,
      receivedOn: '2026-11-16',
    });
    const reference = (await services.store.get(signalId))!.value.reference;

    const [late] = await driver.say(PEOPLE.quality, 'te laat');
    const lateText = cardText(cardOf(late));
    expect(lateText).toContain(reference);
    expect(lateText).toContain('bevestiging zo 22 nov 2026 · te laat');

    const [window] = await driver.say(PEOPLE.quality, 'termijnen 30');
    const windowText = cardText(cardOf(window));
    expect(windowText).toContain(reference);
    expect(windowText).toContain('gesprek ma 30 nov 2026');
    // The rows look clickable and say so.
    expect(windowText).toContain('Openen ›');
    expect(windowText).toContain('Tik op een signaal om het te openen.');

    // A window that ends before the next deadline: not listed.
    const [short] = await driver.say(PEOPLE.quality, 'termijnen 1');
    expect(cardText(cardOf(short))).not.toContain(reference);
  });
});
