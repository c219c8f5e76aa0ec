import JSZip from 'jszip';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext, type Activity } from 'botbuilder';
import { rememberConversation } from '../../bot/conversation-references';
import { createPersonalCardSender } from '../../bot/verbs/analysis-verbs';
import { SqliteReminderStore } from '../../src/adapters/sqlite/sqlite-reminder-store';
import { RecordingConnector } from '../support/recording-connector';
import { BotDriver, findInput } from '../support/test-adapter';
import {
  analysisServices,
  buttonTitles,
  cardsIn,
  cardText,
  consentAnswer,
  press,
  seedYear,
  uploadServer,
  WHO,
  type AnalysisServices,
} from './support';

const MAX_CARD_BYTES = 80 * 1024;

interface ConsentContent {
  description: string;
  sizeInBytes: number;
  acceptContext: { purpose: string; year: number; format: string };
}

describe('analyse <jaar> as staf kwaliteit', () => {
  let services: AnalysisServices;
  let driver: BotDriver;

  beforeEach(async () => {
    services = await analysisServices();
    await seedYear(services);
    driver = new BotDriver(services);
  });

  it('answers with the analysis card and offers the .docx and .csv through file consent', async () => {
    const replies = await driver.say(WHO.quality, 'analyse 2026');
    const [card] = cardsIn(replies);
    const text = cardText(card);
    expect(text).toContain('Jaarverslag klachten 2026');
    expect(text).toContain('Concept');
    expect(text).toContain('vóór 1 juni');
    expect(text).toContain('Klachten');
    expect(text).toMatch(/Klachten\n8\b/);
    expect(buttonTitles(card)).toEqual(['Naar het MT sturen', 'Vernieuwen']);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    // Refresh without userIds: Teams refreshes the card for everyone in a chat of up to 60.
    expect(card!.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'analysis.refresh', title: 'Vernieuwen', data: { year: 2026 } },
    });

    const consent = replies.flatMap((reply) => reply.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    expect(consent.map((attachment) => attachment.name)).toEqual(['jaarverslag-klachten-2026.docx', 'jaarverslag-klachten-2026.csv']);
    const docx = consent[0]!.content as ConsentContent;
    expect(docx.acceptContext).toEqual({ purpose: 'analysis', year: 2026, format: 'docx' });
    expect(docx.sizeInBytes).toBeGreaterThan(10_000);
    expect(docx.description).toContain('Zonder persoonsgegevens');
  });

  it('uploads a valid .docx on accept (rebuilt from the store) and shows the file card', async () => {
    await driver.say(WHO.quality, 'analyse 2026');
    const { url, uploads, server } = await uploadServer();
    try {
      const replies = await consentAnswer(
        driver,
        WHO.quality,
        'accept',
        { purpose: 'analysis', year: 2026, format: 'docx' },
        url,
        'jaarverslag-klachten-2026.docx',
      );
      expect(uploads).toHaveLength(1);
      const [upload] = uploads;
      expect(upload?.method).toBe('PUT');
      const size = upload!.body.length;
      expect(upload?.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);

      const zip = await JSZip.loadAsync(upload!.body);
      const xml = await zip.file('word/document.xml')!.async('string');
      const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
      for (const heading of ['Jaarverslag klachten 2026', 'Samenvatting', 'Kerncijfers', 'Aard van de klachten', 'Per kindercentrum', 'Verantwoording']) {
        expect(words).toContain(heading);
      }
      expect(words).toContain('KDV De Zonnebloem, Utrecht');
      expect(words).not.toContain('Sanne de Vries');
      expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/')).length).toBeGreaterThan(0);

      const fileCard = replies.find((activity) => activity.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.info');
      expect(fileCard?.attachments?.[0]).toMatchObject({
        name: 'jaarverslag-klachten-2026.docx',
        content: { uniqueId: 'file-unique-id-analysis', fileType: 'docx' },
      });

      uploads.splice(0);
      await consentAnswer(driver, WHO.quality, 'accept', { purpose: 'analysis', year: 2026, format: 'csv' }, url, 'jaarverslag-klachten-2026.csv');
      expect(uploads[0]!.body.toString('utf8')).toContain('Niveau;Onderdeel;Categorie;Kolom;Waarde');
    } finally {
      server.close();
    }
  });

  it('refuses files for an employee, a forged format, and a year without analysis; decline sends nothing', async () => {
    const { url, uploads, server } = await uploadServer();
    try {
      const asEmployee = await consentAnswer(driver, WHO.employee, 'accept', { purpose: 'analysis', year: 2026, format: 'docx' }, url, 'x.docx');
      expect(cardsIn(asEmployee).map(cardText).join()).toContain('hoort niet bij jouw rol');
      await consentAnswer(driver, WHO.quality, 'accept', { purpose: 'analysis', year: 2026, format: 'exe' }, url, 'x.exe');
      const noYet = await consentAnswer(driver, WHO.quality, 'accept', { purpose: 'analysis', year: 2026, format: 'docx' }, url, 'x.docx');
      expect(cardsIn(noYet).map(cardText).join()).toContain('nog geen jaarverslag');
      expect(uploads).toHaveLength(0);
      const declined = await consentAnswer(driver, WHO.quality, 'decline', { purpose: 'analysis', year: 2026, format: 'docx' }, url, 'x.docx');
      expect(cardsIn(declined).map(cardText).join()).toContain('niet verstuurd');
    } finally {
      server.close();
    }
  });

  it('defaults to last year, and sends no files outside the personal chat', async () => {
    services.clock.set(new Date('2027-04-02T10:00:00+02:00'));
    driver.adapter.activeQueue.splice(0);
    await driver.adapter.receiveActivity({
      type: 'message',
      text: 'analyse',
      from: { id: `29:${WHO.quality.id}`, name: WHO.quality.name, aadObjectId: WHO.quality.id },
      conversation: { id: 'group-1', isGroup: true, name: 'MT', conversationType: 'groupChat' },
    });
    const replies = driver.adapter.activeQueue.splice(0);
    const texts = cardsIn(replies).map(cardText);
    expect(texts[0]).toContain('Jaarverslag klachten 2026');
    expect(texts[1]).toContain('alleen in een persoonlijke chat');
    expect(replies.some((reply) => reply.attachments?.some((a) => a.contentType.includes('file.consent')))).toBe(false);
  });

  it('refuses an employee, politely, for the command and for the card verbs', async () => {
    const [reply] = cardsIn(await driver.say(WHO.employee, 'analyse'));
    expect(cardText(reply)).toContain('hoort niet bij jouw rol');
    await driver.say(WHO.quality, 'analyse 2026');
    const adopt = await driver.execute(WHO.employee, 'analysis.adopt', { year: 2026 });
    expect(cardText(adopt.card)).toContain('hoort niet bij jouw rol');
    expect((await services.analyses.get(2026))!.value.reviews).toHaveLength(0);
  });

  it('tells the MT how to open the draft when no proactive sender is wired', async () => {
    const [card] = cardsIn(await driver.say(WHO.quality, 'analyse 2026'));
    const submitted = await press(driver, WHO.quality, card, 'Naar het MT sturen');
    expect(cardText(submitted)).toContain('Adele Vance, Patti Fernandez');
    expect(cardText(submitted)).toContain('analyse 2026');
  });
});

describe('the MT workflow on the card', () => {
  let services: AnalysisServices;
  let driver: BotDriver;

  beforeEach(async () => {
    services = await analysisServices();
    await seedYear(services);
    driver = new BotDriver(services);
    await driver.say(WHO.quality, 'analyse 2026');
  });

  it('two MT members adopt; a comment keeps what was typed when refused; staf kw cannot adopt', async () => {
    const [adeleCard] = cardsIn(await driver.say(WHO.adele, 'analyse 2026'));
    expect(buttonTitles(adeleCard)).toEqual(['Vaststellen', 'Opmerking', 'Vernieuwen']);

    // Staf kw pressing "Vaststellen" (a forged press: the button is not on their card).
    const byQuality = await driver.execute(WHO.quality, 'analysis.adopt', { year: 2026 });
    expect(cardText(byQuality.card)).toContain('Alleen MT-leden stellen de analyse vast');

    const afterAdele = await press(driver, WHO.adele, adeleCard, 'Vaststellen');
    expect(cardText(afterAdele)).toContain('1 van 2 MT-leden');
    expect(cardText(afterAdele)).toContain('Concept');

    // Patti's card refreshes to the current state, then she comments.
    const refreshed = await driver.execute(WHO.patti, 'analysis.refresh', { year: 2026 });
    expect(cardText(refreshed.card)).toContain('1 van 2 MT-leden (Adele Vance)');
    const form = await press(driver, WHO.patti, refreshed.card, 'Opmerking');
    expect(findInput(form, 'comment')).toMatchObject({ type: 'Input.Text', isMultiline: true });
    const refused = await press(driver, WHO.patti, form, 'Opslaan', { comment: '   ' });
    expect(cardText(refused)).toContain('Niet alles is goed ingevuld');
    expect(findInput(refused, 'comment')?.value).toBe('   ');
    const commented = await press(driver, WHO.patti, refused, 'Opslaan', { comment: 'Graag een actie op communicatie.' });
    expect(cardText(commented)).toContain('opmerking: Graag een actie op communicatie.');

    const adopted = await press(driver, WHO.patti, commented, 'Vaststellen');
    expect(cardText(adopted)).toContain('Vastgesteld door MT');
    expect((await services.analyses.get(2026))!.value.status).toBe('adopted');
    expect(buttonTitles(adopted)).toEqual(['Actie toevoegen', 'Vernieuwen']);

    const again = await driver.execute(WHO.adele, 'analysis.adopt', { year: 2026 });
    expect(cardText(again.card)).toContain('Dit is al gedaan');
  });

  it('records a measure and its status, then staf kw sends to the GGD and informs the location managers', async () => {
    for (const member of [WHO.adele, WHO.patti]) await driver.execute(member, 'analysis.adopt', { year: 2026 });
    const [card] = cardsIn(await driver.say(WHO.adele, 'analyse 2026'));

    const form = await press(driver, WHO.adele, card, 'Actie toevoegen');
    const owner = findInput(form, 'owner') as { choices: { title: string; value: string }[] };
    expect(owner.choices.map((choice) => choice.title)).toContain('Megan Bowen');
    const megan = owner.choices.find((choice) => choice.title === 'Megan Bowen')!.value;
    const badDate = await press(driver, WHO.adele, form, 'Opslaan', {
      description: 'Training communicatie met ouders',
      owner: megan,
      deadline: '2027-02-30',
    });
    expect(cardText(badDate)).toContain('Niet alles is goed ingevuld');
    expect(findInput(badDate, 'description')?.value).toBe('Training communicatie met ouders');
    const added = await press(driver, WHO.adele, badDate, 'Opslaan', {
      description: 'Training communicatie met ouders',
      owner: megan,
      deadline: '2027-09-01',
    });
    expect(cardText(added)).toContain('De actie is vastgelegd');
    expect(cardText(added)).toContain('Training communicatie met ouders');
    expect(cardText(added)).toContain('Megan Bowen · woensdag 1 september 2027 · Gepland');

    const statusForm = await press(driver, WHO.adele, added, 'Status van een actie');
    const measureId = (findInput(statusForm, 'measureId') as { choices: { value: string }[] }).choices[0]!.value;
    const updated = await press(driver, WHO.adele, statusForm, 'Opslaan', { measureId, status: 'inProgress' });
    expect(cardText(updated)).toContain('In uitvoering');

    // Staf kw: sent to the GGD (a date in the future is refused, the form stays), then informed.
    const [kwCard] = cardsIn(await driver.say(WHO.quality, 'analyse 2026'));
    expect(cardText(kwCard)).toContain('al vastgesteld');
    const ggdForm = await press(driver, WHO.quality, kwCard, 'Verzonden aan de GGD');
    expect(findInput(ggdForm, 'on')?.value).toBe('2027-03-01');
    const future = await press(driver, WHO.quality, ggdForm, 'Opslaan', { on: '2027-03-05', via: 'email' });
    expect(cardText(future)).toContain('Niet alles is goed ingevuld');
    expect(findInput(future, 'on')?.value).toBe('2027-03-05');
    const sent = await press(driver, WHO.quality, future, 'Opslaan', { on: '2027-03-01', via: 'email' });
    expect(cardText(sent)).toContain('Verstuurd naar GGD');
    expect(cardText(sent)).toContain('GGD: verstuurd');
    const informed = await press(driver, WHO.quality, sent, 'Locatiemanagers geïnformeerd');
    expect(cardText(informed)).toContain('Locatiemanagers geïnformeerd');
    expect(cardText(informed)).toContain('oudercommissie, centrale ouderraad');
    expect(Buffer.byteLength(JSON.stringify(informed))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect((await services.analyses.get(2026))!.value.status).toBe('locationManagersInformed');
  });

  it('shows the GGD deadline as late from 1 June', async () => {
    services.clock.set(new Date('2027-06-01T09:00:00+02:00'));
    const refreshed = await driver.execute(WHO.quality, 'analysis.refresh', { year: 2026 });
    expect(cardText(refreshed.card)).toContain('GGD: te laat');
  });

  it('an MT member sees "nog geen jaarverslag" for a year without one; a bad year is a bad request', async () => {
    const [missing] = cardsIn(await driver.say(WHO.adele, 'analyse 2024'));
    expect(cardText(missing)).toContain('nog geen jaarverslag klachten over 2024');
    const bad = await driver.execute(WHO.adele, 'analysis.refresh', { year: 'twintig' });
    expect(bad.status).toBe(200);
    expect(cardText(bad.card)).toContain('Deze kaart kon niet worden verwerkt');
  });
});

describe('sending the draft to the MT proactively', () => {
  it('delivers the MT view of the card to each member with a personal chat, and names the others', async () => {
    const services = await analysisServices();
    await seedYear(services);
    const connector = new RecordingConnector();
    await connector.start();
    const references = new SqliteReminderStore(':memory:');
    await references.init();
    try {
      const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
      services.personalCards = createPersonalCardSender({ adapter, appId: '', references });
      // Adele talked to the bot before (her personal chat is known); Patti never did.
      const hello: Partial<Activity> = {
        type: 'message',
        id: 'hello-adele',
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: 'a:chat-adele', conversationType: 'personal', isGroup: false, name: '', tenantId: 'tenant' },
        from: { id: `29:${WHO.adele.id}`, name: WHO.adele.name, aadObjectId: WHO.adele.id },
        recipient: { id: '28:klantsignaal', name: 'Klantsignaal' },
        text: 'hallo',
      };
      await rememberConversation(new TurnContext(adapter, hello), references);

      const driver = new BotDriver(services);
      const [card] = cardsIn(await driver.say(WHO.quality, 'analyse 2026'));
      const submitted = await press(driver, WHO.quality, card, 'Naar het MT sturen');
      expect(cardText(submitted)).toContain('als kaart naar Adele Vance gestuurd');
      expect(cardText(submitted)).toContain('Patti Fernandez');
      expect(cardText(submitted)).toContain('analyse 2026');

      const sent = connector.activities();
      expect(sent).toHaveLength(1);
      const attachment = (sent[0]!.attachments as { content: unknown }[])[0]!;
      expect(buttonTitles(attachment.content)).toEqual(['Vaststellen', 'Opmerking', 'Vernieuwen']);
      expect(connector.calls[0]!.path).toContain(encodeURIComponent('a:chat-adele'));
    } finally {
      await connector.stop();
      await references.close();
    }
  });
});
