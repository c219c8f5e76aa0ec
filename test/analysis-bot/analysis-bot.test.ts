import JSZip from 'jszip';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext, type Activity } from 'botbuilder';
import { rememberConversation } from '../../bot/conversation-references';
import { cardSendFailure, createPersonalCardSender } from '../../bot/verbs/analysis-verbs';
import { SqliteReminderStore } from '../../src/adapters/sqlite/sqlite-reminder-store';
import { ConcurrencyError } from '../../src/app/ports';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../src/domain/analysis-workflow';
import { MAX_YEARS_AHEAD } from '../../src/domain/process';
import { nlAnalysis } from '../../src/i18n/nl-analysis';
import { RecordingConnector } from '../support/recording-connector';
import { BotDriver, findInput } from '../support/test-adapter';
import {
  analysisServices,
  buttonData,
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
import { closedPort, resettingServer } from '../support/net-peers';

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
    expect(buttonTitles(card)).toEqual(['Maatregelen samenvatten', 'Naar het MT sturen', 'Vernieuwen']);
    // The "working on it" card was replaced in place by the result: one card in the chat.
    expect(cardsIn(replies)).toHaveLength(1);
    expect(JSON.stringify(replies)).not.toContain(nlAnalysis.card.working(2026, false));
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    // Refresh without userIds: Teams refreshes the card for everyone in a chat of up to 60.
    expect(card!.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'analysis.refresh', title: 'Vernieuwen', data: { year: 2026 } },
    });

    const consent = replies
      .flatMap((reply) => reply.attachments ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    expect(consent.map((attachment) => attachment.name)).toEqual([
      'jaarverslag-klachten-2026.docx',
      'jaarverslag-klachten-2026.csv',
    ]);
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
      for (const heading of [
        'Jaarverslag klachten 2026',
        'Samenvatting',
        'Kerncijfers',
        'Aantal en aard van de klachten',
        'Strekking van de oordelen',
        'Per kindercentrum',
        'Verantwoording',
      ]) {
        expect(words).toContain(heading);
      }
      expect(words).toContain('KDV De Zonnebloem, Utrecht');
      expect(words).not.toContain('Sanne de Vries');
      expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/')).length).toBeGreaterThan(0);

      const fileCard = replies.find(
        (activity) => activity.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.info',
      );
      expect(fileCard?.attachments?.[0]).toMatchObject({
        name: 'jaarverslag-klachten-2026.docx',
        content: { uniqueId: 'file-unique-id-analysis', fileType: 'docx' },
      });

      uploads.splice(0);
      await consentAnswer(
        driver,
        WHO.quality,
        'accept',
        { purpose: 'analysis', year: 2026, format: 'csv' },
        url,
        'jaarverslag-klachten-2026.csv',
      );
      expect(uploads[0]!.body.toString('utf8')).toContain('Niveau;Onderdeel;Categorie;Kolom;Waarde');
    } finally {
      server.close();
    }
  });

  it('refuses files for an employee, a forged format, and a year without analysis; decline sends nothing', async () => {
    const { url, uploads, server } = await uploadServer();
    try {
      const asEmployee = await consentAnswer(
        driver,
        WHO.employee,
        'accept',
        { purpose: 'analysis', year: 2026, format: 'docx' },
        url,
        'x.docx',
      );
      expect(cardsIn(asEmployee).map(cardText).join()).toContain('hoort niet bij jouw rol');
      await consentAnswer(
        driver,
        WHO.quality,
        'accept',
        { purpose: 'analysis', year: 2026, format: 'exe' },
        url,
        'x.exe',
      );
      const noYet = await consentAnswer(
        driver,
        WHO.quality,
        'accept',
        { purpose: 'analysis', year: 2026, format: 'docx' },
        url,
        'x.docx',
      );
      expect(cardsIn(noYet).map(cardText).join()).toContain('nog geen jaarverslag');
      expect(uploads).toHaveLength(0);
      const declined = await consentAnswer(
        driver,
        WHO.quality,
        'decline',
        { purpose: 'analysis', year: 2026, format: 'docx' },
        url,
        'x.docx',
      );
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
    const commented = await press(driver, WHO.patti, refused, 'Opslaan', {
      comment: 'Graag een actie op communicatie.',
    });
    expect(cardText(commented)).toContain('opmerking: Graag een actie op communicatie.');

    const adopted = await press(driver, WHO.patti, commented, 'Vaststellen');
    expect(cardText(adopted)).toContain('Vastgesteld door MT');
    expect((await services.analyses.get(2026))!.value.status).toBe('adopted');
    expect(buttonTitles(adopted)).toEqual(['Actie toevoegen', 'Vernieuwen']);

    // Adele's own adoption counts: pressed again, nothing is added and she hears what she did.
    const again = await driver.execute(WHO.adele, 'analysis.adopt', { year: 2026 });
    expect(cardText(again.card)).toContain('Je hebt het jaarverslag vastgesteld. Het MT heeft het nu vastgesteld.');
    expect(
      (await services.analyses.get(2026))!.value.reviews.filter((review) => review.verdict === 'adopt'),
    ).toHaveLength(2);
  });

  it('a comment sent twice (a re-sent turn, a double click) is stored once and answered as the first', async () => {
    const [card] = cardsIn(await driver.say(WHO.patti, 'analyse 2026'));
    const form = await press(driver, WHO.patti, card, 'Opmerking');
    const comment = 'Graag een actie op communicatie.';
    const first = await press(driver, WHO.patti, form, 'Opslaan', { comment });
    const doubleClick = await press(driver, WHO.patti, form, 'Opslaan', { comment });
    // Teams re-sends the slow invoke itself: the same activity id, the same form id.
    const { verb, data } = buttonData(form, 'Opslaan');
    const resent = await driver.execute(WHO.patti, verb, { ...data, comment }, 'comment-invoke');
    const resentAgain = await driver.execute(WHO.patti, verb, { ...data, comment }, 'comment-invoke');
    for (const answer of [first, doubleClick, resent.card, resentAgain.card]) {
      expect(cardText(answer)).toContain('Je opmerking staat bij het jaarverslag');
      expect(cardText(answer)).not.toContain('Niet alles is goed ingevuld');
    }
    let stored = (await services.analyses.get(2026))!.value;
    expect(stored.reviews).toEqual([
      expect.objectContaining({ verdict: 'comment', comment, by: { id: WHO.patti.id, name: WHO.patti.name } }),
    ]);
    expect(stored.history.filter((event) => event.type === 'reviewed')).toHaveLength(1);
    expect(cardText(resentAgain.card).match(/opmerking: Graag een actie op communicatie\./g)).toHaveLength(1);

    // A new form is a new comment, even with the same words.
    const secondForm = await press(driver, WHO.patti, first, 'Opmerking');
    await press(driver, WHO.patti, secondForm, 'Opslaan', { comment });
    stored = (await services.analyses.get(2026))!.value;
    expect(stored.reviews).toHaveLength(2);
  });

  it('a second "Vaststellen" by the same member adds no second review and answers as the first', async () => {
    const [card] = cardsIn(await driver.say(WHO.adele, 'analyse 2026'));
    const first = await press(driver, WHO.adele, card, 'Vaststellen');
    const again = await press(driver, WHO.adele, card, 'Vaststellen');
    const resent = await driver.execute(WHO.adele, 'analysis.adopt', { year: 2026 }, 'adopt-invoke');
    const resentAgain = await driver.execute(WHO.adele, 'analysis.adopt', { year: 2026 }, 'adopt-invoke');
    for (const answer of [first, again, resent.card, resentAgain.card]) {
      expect(cardText(answer)).toContain('Je hebt het jaarverslag vastgesteld (1 van 2 MT-leden)');
    }
    let stored = (await services.analyses.get(2026))!.value;
    expect(stored.status).toBe('draft');
    expect(stored.reviews).toEqual([
      expect.objectContaining({ verdict: 'adopt', by: { id: WHO.adele.id, name: WHO.adele.name } }),
    ]);
    expect(stored.history.filter((event) => event.type === 'reviewed')).toHaveLength(1);

    // Patti adopts; Adele's press arriving after that still adds nothing.
    await driver.execute(WHO.patti, 'analysis.adopt', { year: 2026 });
    const late = await press(driver, WHO.adele, card, 'Vaststellen');
    expect(cardText(late)).toContain('Het MT heeft het nu vastgesteld');
    stored = (await services.analyses.get(2026))!.value;
    expect(stored.status).toBe('adopted');
    expect(stored.reviews.map((review) => review.by.id)).toEqual([WHO.adele.id, WHO.patti.id]);
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
    expect(cardText(badDate)).toContain('Geen geldige datum.');
    expect(findInput(badDate, 'description')?.value).toBe('Training communicatie met ouders');
    // "27" typed as the year: the field says which dates it takes, and what was typed stays.
    const twoDigitYear = await press(driver, WHO.adele, badDate, 'Opslaan', {
      description: 'Training communicatie met ouders',
      owner: megan,
      deadline: '0027-09-01',
    });
    expect(cardText(twoDigitYear)).toContain('Niet alles is goed ingevuld');
    expect(cardText(twoDigitYear)).toContain(
      `Kies een datum vanaf 1 jaar geleden, niet meer dan ${MAX_YEARS_AHEAD} jaar vooruit.`,
    );
    expect(cardText(twoDigitYear)).not.toContain(nlAnalysis.card.fieldError);
    expect(findInput(twoDigitYear, 'deadline')?.value).toBe('0027-09-01');
    expect(findInput(twoDigitYear, 'description')?.value).toBe('Training communicatie met ouders');
    const added = await press(driver, WHO.adele, twoDigitYear, 'Opslaan', {
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
    // Teams re-sends the press: the same answer, not "al gedaan".
    const again = await press(driver, WHO.quality, future, 'Opslaan', { on: '2027-03-01', via: 'email' });
    expect(cardText(again)).toContain(nlAnalysis.card.notices.sentToGgd);
    expect(cardText(again)).not.toContain(nlAnalysis.workflowErrors.alreadyDone);
    const informed = await press(driver, WHO.quality, sent, 'Locatiemanagers geïnformeerd');
    const informedAgain = await press(driver, WHO.quality, sent, 'Locatiemanagers geïnformeerd');
    expect(cardText(informedAgain)).toContain(nlAnalysis.card.notices.informed);
    expect(cardText(informedAgain)).not.toContain(nlAnalysis.workflowErrors.alreadyDone);
    expect(cardText(informed)).toContain('Locatiemanagers geïnformeerd');
    expect(cardText(informed)).toContain('voor de oudercommissies, de centrale ouderraad');
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
  let services: AnalysisServices;
  let connector: RecordingConnector;
  let references: SqliteReminderStore;
  let adapter: CloudAdapter;

  beforeEach(async () => {
    services = await analysisServices();
    await seedYear(services);
    connector = new RecordingConnector();
    await connector.start();
    references = new SqliteReminderStore(':memory:');
    await references.init();
    adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    services.personalCards = createPersonalCardSender({ adapter, appId: '', references });
  });

  afterEach(async () => {
    await connector.stop();
    await references.close();
  });

  /** The member talked to the bot: their personal chat is known (at `serviceUrl`, by default the connector's). */
  async function opensChat(
    person: { id: string; name: string },
    chat: string,
    serviceUrl = connector.url,
  ): Promise<void> {
    const hello: Partial<Activity> = {
      type: 'message',
      id: `hello-${person.id}`,
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: chat, conversationType: 'personal', isGroup: false, name: '', tenantId: 'tenant' },
      from: { id: `29:${person.id}`, name: person.name, aadObjectId: person.id },
      recipient: { id: '28:klantsignaal', name: 'Klantsignaal' },
      text: 'hallo',
    };
    await rememberConversation(new TurnContext(adapter, hello), references);
  }

  const chatsSentTo = () =>
    connector.calls.filter((call) => call.method === 'POST').map((call) => decodeURIComponent(call.path));

  it('delivers the MT view of the card to each member with a personal chat, and names the others', async () => {
    // Adele talked to the bot before; Patti never did.
    await opensChat(WHO.adele, 'a:chat-adele');
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

    // Patti opens the chat later; pressed again, only she gets the card, and the notice names Adele as having it.
    await opensChat(WHO.patti, 'a:chat-patti');
    const again = await press(driver, WHO.quality, submitted, 'Naar het MT sturen');
    expect(cardText(again)).toContain('als kaart naar Patti Fernandez gestuurd');
    expect(cardText(again)).toContain('Al eerder als kaart ontvangen, niet nog eens gestuurd: Adele Vance.');
    expect(chatsSentTo().filter((path) => path.includes('a:chat-adele'))).toHaveLength(1);
    expect(chatsSentTo().filter((path) => path.includes('a:chat-patti'))).toHaveLength(1);
    expect(cardText(again)).toContain('Naar het MT gestuurd');

    const record = (await services.analyses.get(2026))!.value;
    expect(record.submittedToMt?.by).toEqual({ id: WHO.quality.id, name: WHO.quality.name });
    // Mark (the test organisation's third MT member) never opened the chat: tried on each press, named each time.
    expect(cardText(again)).toContain('Mark MT kon ik niet rechtstreeks bereiken');
    expect(record.submittedToMt?.deliveries).toEqual([
      expect.objectContaining({ to: { id: WHO.adele.id, name: WHO.adele.name }, state: 'delivered', attempts: 1 }),
      expect.objectContaining({ to: { id: WHO.patti.id, name: WHO.patti.name }, state: 'delivered', attempts: 2 }),
      expect.objectContaining({ to: { id: WHO.mark.id, name: WHO.mark.name }, state: 'failed', attempts: 2 }),
    ]);
    expect(record.history.filter((event) => event.type === 'submittedToMt').map((event) => event.note)).toEqual([
      WHO.adele.id,
      WHO.patti.id,
    ]);
  });

  it('a retried or doubled "Naar het MT sturen" sends each MT member exactly one card', async () => {
    for (const [member, chat] of [
      [WHO.adele, 'a:chat-adele'],
      [WHO.patti, 'a:chat-patti'],
      [WHO.mark, 'a:chat-mark'],
    ] as const) {
      await opensChat(member, chat);
    }
    const driver = new BotDriver(services);
    const [card] = cardsIn(await driver.say(WHO.quality, 'analyse 2026'));
    const { verb, data } = buttonData(card, 'Naar het MT sturen');

    // The bot is slow (the connector answers late); Teams re-sends the invoke while the first is still
    // running, here on a second instance of the bot sharing the store.
    connector.delayMs = 150;
    const otherInstance = new BotDriver(services);
    const [first, retry] = await Promise.all([
      driver.execute(WHO.quality, verb, data, 'submit-invoke'),
      otherInstance.execute(WHO.quality, verb, data, 'submit-invoke'),
    ]);
    connector.delayMs = 0;
    // Then the same invoke once more, and a second press.
    const late = await driver.execute(WHO.quality, verb, data, 'submit-invoke');
    const secondPress = await press(driver, WHO.quality, late.card, 'Naar het MT sturen');

    // Three MT members, three cards: one each, whatever was re-sent or pressed.
    expect(connector.activities()).toHaveLength(3);
    for (const chat of ['a:chat-adele', 'a:chat-patti', 'a:chat-mark']) {
      expect(chatsSentTo().filter((path) => path.includes(chat))).toHaveLength(1);
    }
    const answers = [first.card, retry.card].map(cardText).join('\n');
    expect(answers).toMatch(
      /als kaart naar (Adele Vance|Patti Fernandez|Mark MT)(, (Adele Vance|Patti Fernandez|Mark MT)){2} gestuurd/,
    );
    for (const answer of [late.card, secondPress]) {
      const text = cardText(answer);
      expect(text).toContain('Al eerder als kaart ontvangen, niet nog eens gestuurd:');
      for (const name of ['Adele Vance', 'Patti Fernandez', 'Mark MT']) expect(text).toContain(name);
      expect(text).not.toContain('als kaart naar');
    }
    const record = (await services.analyses.get(2026))!.value;
    expect(
      record.submittedToMt?.deliveries.map((delivery) => [delivery.to.id, delivery.state, delivery.attempts]).sort(),
    ).toEqual(
      [
        [WHO.adele.id, 'delivered', 1],
        [WHO.patti.id, 'delivered', 1],
        [WHO.mark.id, 'delivered', 1],
      ].sort(),
    );
    expect(record.history.filter((event) => event.type === 'submittedToMt')).toHaveLength(3);
  });

  it('a send cut off after it reached Teams is never repeated; one that never left is sent on the next press', async () => {
    // Adele's connector takes the card, then drops the connection without an answer (she may have it);
    // Patti's refuses the connection (the card never left); Mark's answers.
    const resetting = await resettingServer();
    await opensChat(WHO.adele, 'a:chat-adele', resetting.url);
    await opensChat(WHO.patti, 'a:chat-patti', `http://127.0.0.1:${await closedPort()}`);
    await opensChat(WHO.mark, 'a:chat-mark');
    const driver = new BotDriver(services);
    const [card] = cardsIn(await driver.say(WHO.quality, 'analyse 2026'));
    let submitted: Record<string, unknown>;
    try {
      submitted = await press(driver, WHO.quality, card, 'Naar het MT sturen');
    } finally {
      await resetting.stop();
    }
    // botframework-connector's own retry policy repeats the request after a reset; this code sends it once.
    expect(resetting.received()).toBeGreaterThan(0);
    expect(cardText(submitted)).toContain('als kaart naar Mark MT gestuurd');
    expect(cardText(submitted)).toContain('Niet zeker of de kaart is aangekomen bij Adele Vance');
    expect(cardText(submitted)).toContain('Patti Fernandez kon ik niet rechtstreeks bereiken');
    let record = (await services.analyses.get(2026))!.value;
    expect(record.submittedToMt?.deliveries.map((delivery) => [delivery.to.id, delivery.state])).toEqual([
      [WHO.adele.id, 'unconfirmed'],
      [WHO.patti.id, 'failed'],
      [WHO.mark.id, 'delivered'],
    ]);

    // Both connectors work again; pressed again, only Patti gets the card, Adele is named, not sent to.
    await opensChat(WHO.adele, 'a:chat-adele');
    await opensChat(WHO.patti, 'a:chat-patti');
    const again = await press(driver, WHO.quality, submitted, 'Naar het MT sturen');
    expect(chatsSentTo().filter((path) => path.includes('a:chat-adele'))).toHaveLength(0);
    expect(chatsSentTo().filter((path) => path.includes('a:chat-patti'))).toHaveLength(1);
    expect(chatsSentTo().filter((path) => path.includes('a:chat-mark'))).toHaveLength(1);
    expect(resetting.received()).toBe(resetting.receivedBeforeStop);
    expect(cardText(again)).toContain('als kaart naar Patti Fernandez gestuurd');
    expect(cardText(again)).toContain('Niet zeker of de kaart is aangekomen bij Adele Vance');
    expect(cardText(again)).toContain('Al eerder als kaart ontvangen, niet nog eens gestuurd: Mark MT.');
    record = (await services.analyses.get(2026))!.value;
    expect(
      record.submittedToMt?.deliveries.map((delivery) => [delivery.to.id, delivery.state, delivery.attempts]),
    ).toEqual([
      [WHO.adele.id, 'unconfirmed', 1],
      [WHO.patti.id, 'delivered', 2],
      [WHO.mark.id, 'delivered', 1],
    ]);
  }, 60_000);
});

describe('cardSendFailure: which card sends "Naar het MT sturen" may repeat', () => {
  const error = (fields: Record<string, unknown>) => Object.assign(new Error('x'), fields);
  it.each([
    ['connection refused', 'failed', error({ code: 'ECONNREFUSED' })],
    ['DNS failure, wrapped', 'failed', new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })],
    ['no bot token', 'failed', error({ name: 'CredentialUnavailableError' })],
    ['Teams refused (403)', 'failed', error({ statusCode: 403, code: 'BotNotInConversationRoster' })],
    ['connection reset', 'unconfirmed', error({ code: 'ECONNRESET' })],
    ['timeout', 'unconfirmed', error({ code: 'ETIMEDOUT' })],
    ['5xx', 'unconfirmed', error({ statusCode: 502 })],
    ['something else', 'unconfirmed', new Error('?')],
  ])('%s: %s', (_name, expected, thrown) => {
    expect(cardSendFailure(thrown)).toBe(expected);
  });
});

describe('a form refused after the analysis moved on keeps what was typed', () => {
  let services: AnalysisServices;
  let driver: BotDriver;

  beforeEach(async () => {
    services = await analysisServices();
    // One adoption is enough here, so one MT member can adopt while the other types.
    services.analysis.settings = { ...DEFAULT_ANALYSIS_SETTINGS, requiredAdoptions: 1 };
    await seedYear(services);
    driver = new BotDriver(services);
    await driver.say(WHO.quality, 'analyse 2026');
  });

  it('a comment refused because the MT adopted meanwhile (wrongStatus) comes back with the typed text', async () => {
    const [card] = cardsIn(await driver.say(WHO.patti, 'analyse 2026'));
    const form = await press(driver, WHO.patti, card, 'Opmerking');
    const adopted = await driver.execute(WHO.adele, 'analysis.adopt', { year: 2026 });
    expect(cardText(adopted.card)).toContain('Vastgesteld door MT');

    const typed = 'Graag eerst nog een actie op de communicatie met ouders.';
    const refused = await press(driver, WHO.patti, form, 'Opslaan', { comment: typed });
    expect(findInput(refused, 'comment')?.value).toBe(typed);
    expect(cardText(refused)).toContain('Het MT heeft het jaarverslag inmiddels vastgesteld');
    expect(cardText(refused)).toContain('Wat je typte is niet opgeslagen');
    // The form no longer fits: no "Opslaan", only "Sluiten" back to the card.
    expect(buttonTitles(refused)).toEqual(['Sluiten']);
    const stored = (await services.analyses.get(2026))!.value;
    expect(stored.reviews.map((review) => review.verdict)).toEqual(['adopt']);

    const closed = await press(driver, WHO.patti, refused, 'Sluiten');
    expect(buttonTitles(closed)).toEqual(['Actie toevoegen', 'Vernieuwen']);
  });

  it('a new action refused by a version conflict keeps the form open with what was typed, then saves', async () => {
    await driver.execute(WHO.adele, 'analysis.adopt', { year: 2026 });
    const [card] = cardsIn(await driver.say(WHO.adele, 'analyse 2026'));
    const form = await press(driver, WHO.adele, card, 'Actie toevoegen');
    const owner = (findInput(form, 'owner') as { choices: { title: string; value: string }[] }).choices.find(
      (choice) => choice.title === 'Megan Bowen',
    )!.value;
    const typed = { description: 'Training communicatie met ouders', owner, deadline: '2027-09-01' };

    // Someone else keeps saving the record in between: every save meets a changed etag.
    const save = jest.spyOn(services.analyses, 'save').mockRejectedValue(new ConcurrencyError('analysis-2026'));
    const refused = await press(driver, WHO.adele, form, 'Opslaan', typed);
    save.mockRestore();
    expect(cardText(refused)).toContain('Iemand anders heeft het jaarverslag net gewijzigd');
    expect(findInput(refused, 'description')?.value).toBe(typed.description);
    expect(findInput(refused, 'deadline')?.value).toBe(typed.deadline);
    expect(buttonTitles(refused)).toEqual(['Opslaan', 'Annuleren']);
    expect((await services.analyses.get(2026))!.value.measures).toHaveLength(0);

    const saved = await press(driver, WHO.adele, refused, 'Opslaan', typed);
    expect(cardText(saved)).toContain('De actie is vastgelegd');
    expect((await services.analyses.get(2026))!.value.measures).toHaveLength(1);
  });
});
