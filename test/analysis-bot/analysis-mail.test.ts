/**
 * The yearly analysis by e-mail: staf kw sends the adopted analysis to the GGD (Word + CSV) and the
 * Word file to the location managers, from the card. Real bot, real SQLite stores, the real local
 * mailer writing .eml files, and the real Graph client against the local Graph server.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createOutbound, type Outbound } from '../../src/adapters/outbound';
import { sendAnnualAnalysisToGgd, type AnalysisMailDeps } from '../../src/app/annual-analysis';
import type { Directory } from '../../src/app/ports';
import { ggdMeldingParagraph } from '../../src/app/reporting-duty';
import { applyDutyMove, type DutyMoveCommand } from '../../src/domain/reporting-duty';
import { makeSignal, ROLE_PEOPLE } from '../commands/fixtures';
import { analysisActor } from '../../bot/verbs/analysis-verbs';
import { nlAnalysis } from '../../src/i18n/nl-analysis';
import { GraphTestServer } from '../support/graph-server';
import { BotDriver, findInput } from '../support/test-adapter';
import {
  analysisServices,
  buttonTitles,
  cardsIn,
  cardText,
  emlAttachments,
  press,
  seedYear,
  WHO,
  type AnalysisServices,
} from './support';

const GGD = 'toezicht@ggd-regio.example';
const MEGAN = 'megan.bowen@regenboog.example';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const GRAPH_TOKEN = 'analysis-mail-token';
const MAILBOX = 'klachten@regenboog.example';

class StaticCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: GRAPH_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

interface Setup {
  services: AnalysisServices;
  outbound: Outbound;
  driver: BotDriver;
  dir: string;
}

const setups: Setup[] = [];

/** The analysis services with an outbound: the local outbox folder, or Graph when a server is given. */
async function setUp(options: { ggdEmail?: string; graph?: GraphTestServer } = {}): Promise<Setup> {
  const services = await analysisServices();
  await seedYear(services);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ks-analysis-mail-'));
  const outbound = await createOutbound({
    env: { OUTBOX_DIR: dir },
    dataDir: dir,
    store: { kind: 'sqlite', path: ':memory:' },
    organisationName: services.directory.organisation().name,
    now: () => services.clock.now(),
    ...(options.graph
      ? {
          graph: {
            credential: new StaticCredential(),
            mailbox: MAILBOX,
            retry: { delaySeconds: 0.01, maxRetries: 1 },
            timeoutMs: 5_000,
            rewriteOrigin: options.graph.origin,
          },
        }
      : {}),
  });
  services.outbound = outbound;
  if (options.ggdEmail) services.analysis.ggdEmail = options.ggdEmail;
  const setup = { services, outbound, driver: new BotDriver(services), dir };
  setups.push(setup);
  return setup;
}

afterEach(async () => {
  for (const setup of setups.splice(0)) {
    await setup.outbound.outbox.close();
    await fs.rm(setup.dir, { recursive: true, force: true });
  }
});

/** Staf kw produces, both MT members adopt; staf kw's card afterwards. */
async function adopt(driver: BotDriver): Promise<Record<string, unknown>> {
  await driver.say(WHO.quality, 'analyse 2026');
  for (const member of [WHO.adele, WHO.patti]) await driver.execute(member, 'analysis.adopt', { year: 2026 });
  const [card] = cardsIn(await driver.say(WHO.quality, 'analyse 2026'));
  return card!;
}

/** Every .eml in the local outbox, as text. */
async function localMails(dir: string): Promise<string[]> {
  const folder = path.join(dir, 'mail');
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  return Promise.all(
    names.filter((name) => name.endsWith('.eml')).map((name) => fs.readFile(path.join(folder, name), 'utf8')),
  );
}

/** The text/plain part with its quoted-printable soft line breaks joined. */
const plainText = (eml: string): string => eml.replace(/=\r?\n/g, '');

describe('the analysis to the GGD by e-mail (local outbox)', () => {
  it('walk: produced, adopted, sent by e-mail with both files to the GGD address, recorded as e-mail, sent once', async () => {
    const { services, driver, dir } = await setUp({ ggdEmail: GGD });
    const card = await adopt(driver);
    expect(buttonTitles(card)).toEqual([
      'Actie toevoegen',
      'Per e-mail naar de GGD',
      'Verzonden aan de GGD',
      'Gedeeld of besproken',
      'Vernieuwen',
    ]);
    expect(cardText(card)).toContain(`Per e-mail aan de GGD: ${GGD}`);

    const form = await press(driver, WHO.quality, card, 'Per e-mail naar de GGD');
    expect(cardText(form)).toContain(
      `naar ${GGD}, met als bijlagen jaarverslag-klachten-2026.docx en jaarverslag-klachten-2026.csv`,
    );
    expect(findInput(form, 'note')).toMatchObject({ type: 'Input.Text', isRequired: false });
    expect(buttonTitles(form)).toEqual(['Versturen', 'Annuleren']);

    const sent = await press(driver, WHO.quality, form, 'Versturen', { note: 'Met excuses voor de late toezending.' });
    expect(cardText(sent)).toContain(`Het jaarverslag is per e-mail naar de GGD (${GGD}) gestuurd`);
    expect(cardText(sent)).toContain('Verstuurd naar GGD');
    expect(cardText(sent)).toContain(`door Isaiah Langer (e-mail aan ${GGD})`);
    expect(buttonTitles(sent)).toContain('Document naar de locatiemanagers');

    const record = (await services.analyses.get(2026))!.value;
    expect(record.status).toBe('sentToGgd');
    expect(record.sentToGgd).toMatchObject({ on: '2027-03-01', via: 'email', by: { id: WHO.quality.id } });
    expect(record.mailings).toEqual([
      expect.objectContaining({
        key: 'analysis-2026-ggd',
        state: 'sent',
        attempts: 1,
        to: { kind: 'ggd', email: GGD },
      }),
    ]);
    expect(record.history.map((event) => event.type).slice(-2)).toEqual(['mailSent', 'sentToGgd']);

    const [eml, ...others] = await localMails(dir);
    expect(others).toHaveLength(0);
    expect(eml).toMatch(/^To: "GGD, toezicht kinderopvang" <toezicht@ggd-regio\.example>$/m);
    expect(eml).toMatch(/^Subject: Jaarverslag klachten 2026 van /m);
    expect(eml).toMatch(/^X-Klantsignaal-Idempotency-Key: analysis-2026-ggd$/m);
    expect(eml).toMatch(/^Content-Type: multipart\/mixed;/m);
    const text = plainText(eml!);
    expect(text).toContain('Hierbij ontvangt u het jaarverslag klachten 2026');
    expect(text).toContain('Met excuses voor de late toezending.');
    expect(text).toContain('Isaiah Langer');

    const attachments = emlAttachments(eml!);
    expect(attachments.map((file) => [file.name, file.contentType])).toEqual([
      ['jaarverslag-klachten-2026.docx', DOCX_TYPE],
      ['jaarverslag-klachten-2026.csv', 'text/csv'],
    ]);
    const zip = await JSZip.loadAsync(attachments[0]!.content);
    const words = await zip.file('word/document.xml')!.async('string');
    expect(words).toContain('Jaarverslag klachten 2026');
    expect(words).toContain('Vastgesteld door het MT');
    expect(words).not.toContain('Sanne de Vries');
    const { csv } = await services.analysis.documents.render(record);
    expect(attachments[1]!.content.equals(csv.content)).toBe(true);

    // Teams re-sends the slow turn, or staf kw presses again: nothing goes out twice.
    const again = await press(driver, WHO.quality, form, 'Versturen', { note: 'Met excuses voor de late toezending.' });
    expect(cardText(again)).toContain(`was al per e-mail naar de GGD (${GGD}) gestuurd`);
    expect(await localMails(dir)).toHaveLength(1);
    expect((await services.analyses.get(2026))!.value.mailings?.[0]?.attempts).toBe(1);
  });

  it('two presses at once send one e-mail', async () => {
    const { services, driver, dir, outbound } = await setUp({ ggdEmail: GGD });
    await adopt(driver);
    const deps: AnalysisMailDeps = {
      ...services.analysis,
      mailer: outbound.mailer,
      organisationName: services.directory.organisation().name,
    };
    const person = (await services.directory.findPerson(WHO.quality.id))!;
    const outcomes = await Promise.all([
      sendAnnualAnalysisToGgd(deps, 2026, analysisActor(person)),
      sendAnnualAnalysisToGgd(deps, 2026, analysisActor(person)),
    ]);
    const sentNow = outcomes.filter((outcome) => outcome.ok && !outcome.alreadySent);
    expect(sentNow).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome !== sentNow[0])
        expect(outcome).toMatchObject(outcome.ok ? { alreadySent: true } : { error: 'sending' });
    }
    expect(await localMails(dir)).toHaveLength(1);
    expect((await services.analyses.get(2026))!.value.sentToGgd?.via).toBe('email');
  });

  it('refuses in Dutch before the MT adopted, and for the MT; sends nothing', async () => {
    const { driver, dir, services } = await setUp({ ggdEmail: GGD });
    const [draft] = cardsIn(await driver.say(WHO.quality, 'analyse 2026'));
    expect(buttonTitles(draft)).not.toContain('Per e-mail naar de GGD');
    const early = await driver.execute(WHO.quality, 'analysis.ggdMail', { year: 2026, formId: randomUUID() });
    expect(cardText(early.card)).toContain(
      'Het jaarverslag is nog niet vastgesteld door het MT. Pas daarna kan het naar de GGD.',
    );
    // A note typed in the form is not lost with the refusal: it stays visible, with the reason.
    const withNote = await driver.execute(WHO.quality, 'analysis.ggdMail', {
      year: 2026,
      formId: randomUUID(),
      note: 'Met excuses voor de late toezending.',
    });
    expect(findInput(withNote.card, 'note')?.value).toBe('Met excuses voor de late toezending.');
    expect(cardText(withNote.card)).toContain('Pas daarna kan het naar de GGD. Wat je typte is niet opgeslagen');
    expect(buttonTitles(withNote.card)).toEqual(['Sluiten']);

    await adopt(driver);
    const byMt = await driver.execute(WHO.adele, 'analysis.ggdMail', { year: 2026, formId: randomUUID() });
    expect(cardText(byMt.card)).toContain('Dit mag je rol niet');
    expect(await localMails(dir)).toHaveLength(0);
    expect((await services.analyses.get(2026))!.value.status).toBe('adopted');
  });

  it('without GGD_EMAIL: no e-mail offered, a manual send is recorded; the location managers get the Word file, once', async () => {
    const { services, driver, dir } = await setUp();
    const card = await adopt(driver);
    expect(buttonTitles(card)).toEqual([
      'Actie toevoegen',
      'Verzonden aan de GGD',
      'Gedeeld of besproken',
      'Vernieuwen',
    ]);
    expect(cardText(card)).not.toContain('Per e-mail aan de GGD');
    const forged = await driver.execute(WHO.quality, 'analysis.ggdMail', { year: 2026, formId: randomUUID() });
    expect(cardText(forged.card)).toContain('Versturen per e-mail is hier niet ingesteld');

    const form = await press(driver, WHO.quality, card, 'Verzonden aan de GGD');
    const recorded = await press(driver, WHO.quality, form, 'Opslaan', { on: '2027-03-01', via: 'manual' });
    expect(cardText(recorded)).toContain('anders (post, portaal)');
    expect(await localMails(dir)).toHaveLength(0);

    const informed = await press(driver, WHO.quality, recorded, 'Document naar de locatiemanagers');
    expect(cardText(informed)).toContain('Het Word-document is per e-mail gestuurd aan Megan Bowen');
    expect(cardText(informed)).toContain('per e-mail aan Megan Bowen');
    const record = (await services.analyses.get(2026))!.value;
    expect(record.status).toBe('locationManagersInformed');
    expect(record.informed?.audiences).toEqual(['oudercommissies', 'centrale ouderraad']);

    const [eml, ...others] = await localMails(dir);
    expect(others).toHaveLength(0);
    expect(eml).toMatch(/^To: Megan Bowen <megan\.bowen@regenboog\.example>$/m);
    expect(plainText(eml!)).toContain('om te bespreken met de oudercommissies en de centrale ouderraad');
    expect(emlAttachments(eml!).map((file) => file.name)).toEqual(['jaarverslag-klachten-2026.docx']);

    const again = await driver.execute(WHO.quality, 'analysis.informed', { year: 2026 });
    expect(cardText(again.card)).toContain('Dit is al gedaan.');
    expect(await localMails(dir)).toHaveLength(1);
  });
});

describe('the analysis by e-mail through Graph', () => {
  let graph: GraphTestServer;

  beforeAll(async () => {
    graph = await GraphTestServer.start({ token: GRAPH_TOKEN });
  });

  afterAll(async () => {
    await graph.stop();
  });

  afterEach(() => {
    expect(graph.violations).toEqual([]);
    graph.reset();
    graph.mails.length = 0;
  });

  it('never sends the GGD e-mail again when Graph may have taken it (504 after sending)', async () => {
    const { services, driver } = await setUp({ ggdEmail: GGD, graph });
    const card = await adopt(driver);
    const form = await press(driver, WHO.quality, card, 'Per e-mail naar de GGD');

    graph.failNext(1, 504);
    const unknown = await press(driver, WHO.quality, form, 'Versturen', { note: 'Zie de bijlagen.' });
    expect(cardText(unknown)).toContain(nlAnalysis.card.notices.ggdMailUnconfirmed);
    expect((await services.analyses.get(2026))!.value.mailings).toEqual([
      expect.objectContaining({ state: 'unconfirmed' }),
    ]);
    const calls = graph.requestsTo('/sendMail').length;
    // The card now only offers Sluiten; the old form pressed again (or Teams re-sending) sends nothing.
    expect(cardText(unknown)).not.toContain('Versturen');
    const again = await press(driver, WHO.quality, form, 'Versturen', { note: 'Zie de bijlagen.' });
    expect(cardText(again)).toContain(nlAnalysis.card.notices.ggdMailUnconfirmed);
    expect(graph.requestsTo('/sendMail')).toHaveLength(calls);
  });

  it('keeps the form and records nothing while Graph is down; sends once when it is back', async () => {
    const { services, driver } = await setUp({ ggdEmail: GGD, graph });
    const card = await adopt(driver);
    const form = await press(driver, WHO.quality, card, 'Per e-mail naar de GGD');

    // Throttled or down with Retry-After: Graph documents that such requests were not processed.
    graph.failNext(2, 503, 0);
    const down = await press(driver, WHO.quality, form, 'Versturen', { note: 'Zie de bijlagen.' });
    expect(cardText(down)).toContain('De e-mail aan de GGD kon nu niet worden verstuurd');
    expect(cardText(down)).toContain('Er is niets vastgelegd');
    expect(findInput(down, 'note')?.value).toBe('Zie de bijlagen.');
    const failed = (await services.analyses.get(2026))!.value;
    expect(failed.status).toBe('adopted');
    expect(failed.sentToGgd).toBeUndefined();
    expect(failed.mailings).toEqual([expect.objectContaining({ state: 'failed', lastError: 'unavailable 503' })]);
    expect(graph.mails).toHaveLength(0);

    const sent = await press(driver, WHO.quality, down, 'Versturen', { note: 'Zie de bijlagen.' });
    expect(cardText(sent)).toContain(`per e-mail naar de GGD (${GGD}) gestuurd`);
    expect(
      graph
        .requestsTo('/sendMail')
        .map((call) => call.path)
        .pop(),
    ).toBe(`/v1.0/users/${MAILBOX}/sendMail`);
    expect(graph.mails).toHaveLength(1);
    const { message } = graph.mails[0]!;
    expect(message.toRecipients).toEqual([{ emailAddress: { address: GGD, name: 'GGD, toezicht kinderopvang' } }]);
    expect(message.body.content).toContain('Zie de bijlagen.');
    expect(message.attachments?.map((file) => [file['@odata.type'], file.name, file.contentType])).toEqual([
      ['#microsoft.graph.fileAttachment', 'jaarverslag-klachten-2026.docx', DOCX_TYPE],
      ['#microsoft.graph.fileAttachment', 'jaarverslag-klachten-2026.csv', 'text/csv'],
    ]);
    const record = (await services.analyses.get(2026))!.value;
    expect(record.sentToGgd?.via).toBe('email');
    expect(record.mailings?.[0]).toMatchObject({ state: 'sent', attempts: 2 });

    // The location managers: Graph down records nothing; the second press mails Megan once.
    graph.failNext(2, 503, 0);
    const notYet = await press(driver, WHO.quality, sent, 'Document naar de locatiemanagers');
    expect(cardText(notYet)).toContain('kon nu niet naar Megan Bowen worden gemaild');
    expect((await services.analyses.get(2026))!.value.status).toBe('sentToGgd');
    const informed = await press(driver, WHO.quality, notYet, 'Document naar de locatiemanagers');
    expect(cardText(informed)).toContain('per e-mail gestuurd aan Megan Bowen');
    const toMegan = graph.mails.filter((mail) => mail.message.toRecipients[0]?.emailAddress.address === MEGAN);
    expect(toMegan).toHaveLength(1);
    expect(toMegan[0]!.message.attachments?.map((file) => file.name)).toEqual(['jaarverslag-klachten-2026.docx']);
  });
});

describe('the meldplicht figures and the GGD e-mail (reportingDuty.ggdReport)', () => {
  /** One melding of 2026 in the store, consulted and reported to the police. */
  async function seedMelding(services: Setup['services']): Promise<void> {
    const signal = makeSignal({
      sequence: 90,
      receivedOn: '2026-10-01',
      by: ROLE_PEOPLE.employee,
      parentName: 'Geheime Ouder',
    });
    const by = { id: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez' };
    let melding = signal;
    const steps: DutyMoveCommand[] = [
      { name: 'flag', input: { via: 'intake', newOwner: by } },
      {
        name: 'consult',
        input: { on: '2026-10-02', time: '09:00', inspector: 'X', advice: 'Aangifte', offence: 'violence' },
      },
      { name: 'conclude', input: { reasonableSuspicion: true, explanation: 'Ja' } },
      { name: 'reportToPolice', input: { on: '2026-10-02', time: '12:00', by: 'Patti' } },
    ];
    for (const [index, command] of steps.entries()) {
      const result = applyDutyMove(melding, command, {
        actor: by,
        at: new Date('2026-10-02T12:30:00Z'),
        eventId: `ggd-${index}`,
      });
      if (!result.ok) throw new Error(result.error);
      melding = result.signal;
    }
    await services.store.create(melding);
  }

  /** The directory as the organisation decided: the figures to the GGD or not. */
  function deciding(services: Setup['services'], ggdReport: boolean): Directory {
    const base = services.directory;
    const organisation = base.organisation();
    return {
      organisation: () => ({ ...organisation, reportingDuty: { ...organisation.reportingDuty!, ggdReport } }),
      findPerson: (id) => base.findPerson(id),
      peopleWithRole: (role, locationId) => base.peopleWithRole(role, locationId),
    };
  }

  it.each([
    [false, 'left out (the default)'],
    [true, 'added to the e-mail, never to the report itself'],
  ])('ggdReport %s: %s', async (ggdReport) => {
    const { services, driver, dir } = await setUp({ ggdEmail: GGD });
    await seedMelding(services);
    services.analysis.ggdMeldingFigures = (year) =>
      ggdMeldingParagraph({ store: services.store, directory: deciding(services, ggdReport) }, year);
    const card = await adopt(driver);
    const form = await press(driver, WHO.quality, card, 'Per e-mail naar de GGD');
    await press(driver, WHO.quality, form, 'Versturen', {});
    const [eml] = await localMails(dir);
    const text = plainText(eml!);
    const paragraph = 'Meldplicht (Wet kinderopvang) in 2026: 1 meldingen';
    if (ggdReport) expect(text).toContain(`${paragraph} van een mogelijk vermoeden`);
    else expect(text).not.toContain('Meldplicht');
    if (ggdReport) expect(text).toContain('1 keer overleg met de vertrouwensinspecteur, 1 aangiften bij de politie');
    expect(text).not.toContain('Geheime Ouder');
    // The report (Word), which also goes to the parent committees, never counts the melding.
    const zip = await JSZip.loadAsync(emlAttachments(eml!)[0]!.content);
    const words = await zip.file('word/document.xml')!.async('string');
    expect(words).not.toMatch(/[Mm]eldplicht|[Mm]elding/);
    const record = (await services.analyses.get(2026))!.value;
    let stored = 0;
    for await (const signal of services.store.streamYear(2026)) if (signal.receivedOn.startsWith('2026')) stored += 1;
    expect(record.figures.organisation.signals.total).toBe(stored - 1);
  });
});
