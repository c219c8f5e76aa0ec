import { BotDriver, cardOf, cardText } from '../support/test-adapter';
import { commandServices, referencesIn, ROLE_PEOPLE, seed } from './fixtures';

const ALEX = ROLE_PEOPLE.employee;
const text = async (driver: BotDriver, person: { id: string; name: string }, message: string) =>
  cardText(cardOf((await driver.say(person, message))[0]));

describe('demo role switch (rol)', () => {
  it('lets the Playground user act as each demo role, per user, until "rol ik"', async () => {
    const services = await commandServices({ demo: true });
    await seed(services, [
      { sequence: 1, locationId: 'zonnebloem', by: ALEX },
      { sequence: 2, locationId: 'vlinder', by: ROLE_PEOPLE.otherEmployee },
    ]);
    const driver = new BotDriver(services);

    expect(referencesIn(await text(driver, ALEX, 'open'))).toEqual(['KS-2026-0001']);
    expect(await text(driver, ALEX, 'rol staf')).toContain('Je bent nu **Isaiah Langer** (Staf kwaliteit)');
    expect(referencesIn(await text(driver, ALEX, 'open'))).toEqual(['KS-2026-0001', 'KS-2026-0002']);
    expect((await driver.say(ALEX, 'export'))[0]?.attachments?.[0]?.contentType).toContain('file.consent');
    // Someone else in the same Playground is not switched.
    expect(referencesIn(await text(driver, ROLE_PEOPLE.otherEmployee, 'open'))).toEqual(['KS-2026-0002']);

    // Demo people keep all their roles; the person for whom it is the main role is chosen.
    expect(await text(driver, ALEX, 'rol mt')).toContain('Je bent nu **Patti Fernandez** (MT, Beheerder)');
    expect(await text(driver, ALEX, 'status KS-2026-0001')).not.toContain('Sanne de Vries');
    expect(await text(driver, ALEX, 'rol')).toContain('Je bent nu');

    expect(await text(driver, ALEX, 'rol ik')).toContain('weer jezelf');
    expect(referencesIn(await text(driver, ALEX, 'open'))).toEqual(['KS-2026-0001']);
    expect(await text(driver, ALEX, 'export')).toContain('hoort niet bij jouw rol');
  });

  it('keeps a person who holds the role as themselves, with their own roles', async () => {
    const services = await commandServices({ demo: true });
    const driver = new BotDriver(services);
    const adele = { id: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' };
    expect(await text(driver, adele, 'rol mt')).toContain(
      'Je bent nu **Adele Vance** (Manager primair proces / MT-lid, MT)',
    );
    // Someone else gets two different MT members: the MT can adopt the analysis in the Playground.
    expect(await text(driver, ALEX, 'rol manager')).toContain('Je bent nu **Adele Vance**');
    expect(await text(driver, ALEX, 'rol mt')).toContain('Je bent nu **Patti Fernandez**');
    expect(await text(driver, adele, 'rol onzin')).toContain('Ik ken de rol "onzin" niet');
  });

  it('shows rol in help only in demo mode, and refuses it otherwise', async () => {
    const demo = new BotDriver(await commandServices({ demo: true }));
    expect(await text(demo, ALEX, 'help')).toContain('rol');
    const real = new BotDriver(await commandServices());
    expect(await text(real, ALEX, 'help')).not.toMatch(/^rol$/m);
    expect(await text(real, ALEX, 'rol staf')).toContain('alleen in de demo-omgeving');
    expect(referencesIn(await text(real, ALEX, 'te laat'))).toEqual([]);
  });
});
