import { randomUUID } from 'node:crypto';
import { actionData, BotDriver, cardText } from '../support/test-adapter';
import { PEOPLE, testServices, validIntake } from '../support/services';

describe("a parent's AVG rights: inzage and erasure (staf kwaliteit only)", () => {
  it('exports the parent data to quality, logs it, refuses others, and erases it once with the erasure in the history', async () => {
    const services = await testServices();
    const driver = new BotDriver(services);
    const signalId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', {
      intakeId: signalId,
      ...validIntake({ description: 'Mijn dochter **Eva** viel <b>van</b> de trap' }),
    });

    const employeeCard = await driver.execute(PEOPLE.employee, 'signal.open', { signalId });
    expect(actionData(employeeCard.card, 'privacy.export')).toBeUndefined();
    const refused = await driver.execute(PEOPLE.employee, 'privacy.export', { signalId });
    expect(cardText(refused.card)).toContain('Alleen staf kwaliteit');

    const qualityCard = await driver.execute(PEOPLE.quality, 'signal.open', { signalId });
    expect(actionData(qualityCard.card, 'privacy.export')).toEqual({ signalId });
    const exported = await driver.execute(PEOPLE.quality, 'privacy.export', { signalId });
    const text = cardText(exported.card);
    expect(text).toContain('Sanne de Vries');
    expect(text).toContain('sanne@example.nl');
    expect(text).toContain('Mijn dochter \\*\\*Eva\\*\\* viel \\<b\\>van\\</b\\> de trap');
    const log = await services.accessLog!.list({ signalId });
    expect(log.filter((entry) => entry.action === 'export' && entry.personId === PEOPLE.quality.id)).toHaveLength(1);

    const confirm = await driver.execute(PEOPLE.quality, 'privacy.eraseConfirm', { signalId });
    const submit = actionData(confirm.card, 'privacy.erase')!;
    expect(await driver.execute(PEOPLE.employee, 'privacy.erase', submit).then((r) => cardText(r.card))).toContain(
      'Alleen staf kwaliteit',
    );
    const erased = await driver.execute(PEOPLE.quality, 'privacy.erase', submit);
    expect(cardText(erased.card)).toContain('zijn gewist');
    // The history says why, in Dutch (the stored reason is a code).
    expect(cardText(erased.card)).toContain('Op verzoek van de ouder (AVG)');
    expect(cardText(erased.card)).not.toContain('erasureRequest');
    await driver.execute(PEOPLE.quality, 'privacy.erase', submit);

    const stored = (await services.store.get(signalId))!.value;
    expect(stored.parent).toBeNull();
    expect(JSON.stringify(stored)).not.toMatch(/Sanne|sanne@example|Eva/);
    expect(stored.history.filter((event) => event.type === 'anonymised')).toEqual([
      expect.objectContaining({ note: 'erasureRequest', actor: { id: PEOPLE.quality.id, name: PEOPLE.quality.name } }),
    ]);
    expect(cardText((await driver.execute(PEOPLE.quality, 'privacy.export', { signalId })).card)).toContain(
      'geen gegevens van de ouder meer',
    );
  });
});
