/**
 * Registering a signal means typing the parent's name, contact details and story. In a group chat
 * or team channel every member sees a card the bot updates, so intake happens in the personal chat:
 * `nieuw` and the "Nieuw signaal" button point there, and an intake card that is still around in a
 * shared chat never comes back with what was typed in it.
 */
import { randomUUID } from 'node:crypto';
import { nl } from '../../src/i18n/nl';
import { nlSignal } from '../../src/i18n/nl-signal';
import { PEOPLE, testServices, validIntake } from '../support/services';
import { actionData, BotDriver } from '../support/test-adapter';
import { CONVERSATIONS, executeIn, sayIn } from './support';

describe('intake only in the personal chat', () => {
  let driver: BotDriver;
  let services: Awaited<ReturnType<typeof testServices>>;

  beforeEach(async () => {
    services = await testServices('2026-11-25T10:00:00+01:00');
    driver = new BotDriver(services);
  });

  afterEach(async () => {
    await services.store.close();
  });

  it.each(['groupChat', 'channel'] as const)('%s: nieuw and the button point to the personal chat', async (kind) => {
    const said = await sayIn(driver, CONVERSATIONS[kind], PEOPLE.employee, 'nieuw');
    expect(said).toContain('persoonlijke chat');
    expect(said).not.toContain(nl.intake.title);
    const pressed = await executeIn(driver, CONVERSATIONS[kind], PEOPLE.employee, 'intake.open', {});
    expect(pressed.message).toBe(nl.intake.personalOnly);
  });

  it('personal chat: nieuw shows the intake card', async () => {
    expect(await sayIn(driver, CONVERSATIONS.personal, PEOPLE.employee, 'nieuw')).toContain(nl.intake.title);
  });

  // Like `nieuw`: an intake card still around in a shared chat (sent before this rule, or forged)
  // registers nothing there and never comes back with what was typed.
  it.each(['groupChat', 'channel'] as const)(
    '%s: a submitted intake card registers nothing and points to the personal chat',
    async (kind) => {
      const intakeId = randomUUID();
      const story = 'Vader vraagt om een ander wenmoment voor Noor.';
      const valid = await executeIn(driver, CONVERSATIONS[kind], PEOPLE.employee, 'intake.submit', {
        intakeId,
        ...validIntake({ parentName: 'Jan Peeters', description: story }),
      });
      expect(valid.message).toBe(nl.intake.personalOnly);
      expect(await services.store.get(intakeId)).toBeUndefined();
      const mistaken = await executeIn(driver, CONVERSATIONS[kind], PEOPLE.employee, 'intake.submit', {
        intakeId: randomUUID(),
        ...validIntake(),
        parentEmail: 'geen-adres',
      });
      expect(mistaken.message).toBe(nl.intake.personalOnly);
      for (const answer of [valid, mistaken]) {
        expect(answer.text).not.toContain('Jan Peeters');
        expect(answer.text).not.toContain(story);
        expect(answer.text).not.toContain('geen-adres');
      }
    },
  );

  it('an intake card a colleague already used, submitted in a group chat, registers nothing more', async () => {
    const intakeId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId, ...validIntake() });
    const answer = await executeIn(driver, CONVERSATIONS.groupChat, PEOPLE.otherEmployee, 'intake.submit', {
      intakeId,
      ...validIntake({ parentName: 'Jan Peeters' }),
    });
    expect(answer.message).toBe(nl.intake.personalOnly);
    expect((await services.store.get(intakeId))?.value.parent?.name).not.toBe('Jan Peeters');
  });

  it('a step form refused in a group chat answers with a message naming the fields, not the typed text', async () => {
    const signalId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId: signalId, ...validIntake() });
    const form = await executeIn(driver, CONVERSATIONS.groupChat, PEOPLE.employee, 'signal.form', {
      signalId,
      move: 'handle',
    });
    const submit = actionData(form.card, 'signal.move')!;
    const summary = 'Moeder van Noor belde over de knuffel.';
    const answer = await executeIn(driver, CONVERSATIONS.groupChat, PEOPLE.employee, 'signal.move', {
      ...submit,
      summary,
      satisfaction: '',
    });
    expect(answer.message).toContain(nlSignal.moveErrors.invalidInput);
    expect(answer.message).toContain(`‘${nlSignal.fields.satisfaction}’`);
    expect(answer.text).not.toContain(summary);
  });

  it('an AVG inzage from an old card in a group chat shows no parent data', async () => {
    const signalId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId: signalId, ...validIntake() });
    const answer = await executeIn(driver, CONVERSATIONS.groupChat, PEOPLE.quality, 'privacy.export', { signalId });
    expect(answer.message).toBe(nlSignal.card.sharedChatNotice);
    expect(answer.text).not.toContain('Sanne de Vries');
  });
});
