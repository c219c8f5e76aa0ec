/**
 * The yearly report in the chat (TestAdapter): which year `analyse` means on 31 May and 1 June,
 * the refusal of a draft without the organisation's own texts, the measures summary and the
 * audiences on the card, and a late GGD send shown as late.
 */
import { nlAnalysis } from '../../src/i18n/nl-analysis';
import { BotDriver, findInput } from '../support/test-adapter';
import {
  analysisServices,
  buttonTitles,
  cardText,
  cardsIn,
  press,
  seedYear,
  WHO,
  type AnalysisServices,
} from './support';

describe('`analyse` without a year', () => {
  it.each([
    ['2027-05-31T23:59:00+02:00', 'Jaarverslag klachten 2026', false],
    ['2027-06-01T00:30:00+02:00', 'Jaarverslag klachten 2027 (tussentijds)', true],
  ])('at %s makes %s', async (now, title, interim) => {
    const services = await analysisServices(now);
    await seedYear(services);
    const driver = new BotDriver(services);
    const [card] = cardsIn(await driver.say(WHO.quality, 'analyse'));
    expect(cardText(card)).toContain(title);
    if (!interim) expect(cardText(card)).not.toContain('tussentijds');
    expect(await services.analyses.get(interim ? 2027 : 2026)).toBeDefined();
    expect(await services.analyses.get(interim ? 2026 : 2027)).toBeUndefined();
  });
});

describe("a draft without the organisation's own texts", () => {
  let services: AnalysisServices;
  let driver: BotDriver;

  beforeEach(async () => {
    services = await analysisServices();
    await seedYear(services);
    services.analysis.reportContent = () => ({ complaintsScheme: 'Onze klachtenregeling.', audiences: [] });
    driver = new BotDriver(services);
  });

  it('shows what is missing, and cannot go to the MT nor be adopted', async () => {
    const [card] = cardsIn(await driver.say(WHO.quality, 'analyse 2026'));
    expect(cardText(card)).toContain('Ontbreekt nog (organisatiebestand)');
    expect(cardText(card)).toContain('hoe ouders op de klachtenregeling zijn gewezen (report.parentInformation)');
    const refused = await press(driver, WHO.quality, card, 'Naar het MT sturen');
    expect(cardText(refused)).toContain(
      'Het jaarverslag kan nog niet naar het MT: de organisatie moet eerst zelf beschrijven wat de wet vraagt. ' +
        'Ontbreekt: hoe ouders op de klachtenregeling zijn gewezen (report.parentInformation).',
    );
    const adopt = await driver.execute(WHO.adele, 'analysis.adopt', { year: 2026 });
    expect(cardText(adopt.card)).toContain('Ontbreekt: hoe ouders op de klachtenregeling zijn gewezen');
    const stored = (await services.analyses.get(2026))!.value;
    expect(stored.status).toBe('draft');
    expect(stored.reviews).toEqual([]);
    expect(stored.submittedToMt).toBeUndefined();

    // Set in the organisation file and made again: it can go.
    services.analysis.reportContent = () => ({
      complaintsScheme: 'Onze klachtenregeling.',
      parentInformation: 'Via de website.',
      audiences: [],
    });
    const [complete] = cardsIn(await driver.say(WHO.quality, 'analyse 2026'));
    expect(cardText(complete)).not.toContain('Ontbreekt nog');
    const submitted = await press(driver, WHO.quality, complete, 'Naar het MT sturen');
    expect(cardText(submitted)).toContain('Adele Vance, Patti Fernandez');
  });
});

describe('the measures summary and the audiences on the card', () => {
  it('staf kw summarises the measures; after adoption and a late GGD send, records sharing and discussing', async () => {
    const services = await analysisServices();
    await seedYear(services);
    const driver = new BotDriver(services);
    const [card] = cardsIn(await driver.say(WHO.quality, 'analyse 2026'));
    const form = await press(driver, WHO.quality, card, 'Maatregelen samenvatten');
    const summarised = await press(driver, WHO.quality, form, 'Opslaan', {
      summary: 'Extra oudergesprekken op De Zonnebloem (afgerond).',
    });
    expect(cardText(summarised)).toContain(nlAnalysis.card.notices.measuresSummarised);
    expect(cardText(summarised)).toContain('Extra oudergesprekken op De Zonnebloem');

    for (const member of [WHO.adele, WHO.patti]) await driver.execute(member, 'analysis.adopt', { year: 2026 });
    services.clock.set(new Date('2027-06-03T10:00:00+02:00'));
    const [adopted] = cardsIn(await driver.say(WHO.quality, 'analyse 2026'));
    const ggd = await press(driver, WHO.quality, adopted, 'Verzonden aan de GGD');
    const sent = await press(driver, WHO.quality, ggd, 'Opslaan', { on: '2027-06-02', via: 'manual' });
    expect(cardText(sent)).toContain('te laat (na 31 mei)');
    expect((await services.analyses.get(2026))!.value.sentToGgd).toMatchObject({ on: '2027-06-02', late: true });

    expect(buttonTitles(sent)).toContain('Gedeeld of besproken');
    const audienceForm = await press(driver, WHO.quality, sent, 'Gedeeld of besproken');
    expect(findInput(audienceForm, 'on')?.value).toBe('2027-06-03');
    const early = await press(driver, WHO.quality, audienceForm, 'Opslaan', {
      audience: 'oudercommissies',
      move: 'discussed',
      on: '2027-06-04',
    });
    expect(cardText(early)).toContain('Niet alles is goed ingevuld');
    const discussed = await press(driver, WHO.quality, early, 'Opslaan', {
      audience: 'oudercommissies',
      move: 'discussed',
      on: '2027-06-03',
    });
    expect(cardText(discussed)).toContain('Vastgelegd: besproken (oudercommissies)');
    expect(cardText(discussed)).toContain('gedeeld op donderdag 3 juni 2027 · besproken op donderdag 3 juni 2027');
    const history = (await services.analyses.get(2026))!.value.history.map((event) => event.type);
    expect(history).toEqual(expect.arrayContaining(['measuresSummarised', 'sentToGgd', 'audienceDiscussed']));
    // Only staf kw records it.
    const byMt = await driver.execute(WHO.adele, 'analysis.audience', {
      year: 2026,
      formId: '3f1b5a4e-1f0e-4a57-9d3c-6a1e2b3c4d5e',
      audience: 'centrale ouderraad',
      move: 'shared',
      on: '2027-06-03',
    });
    expect(cardText(byMt.card)).toContain('Dit mag je rol niet');
  });
});
