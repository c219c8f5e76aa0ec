/**
 * The letters and the invitation a parent gets (issue 23), written by the embedded default into
 * the local outbox and read back from the files: full date and time, the place, with whom and in
 * which role, how to move it, the organisation's contact lines from the organisation file, the
 * legal deadline as a date, one neutral line about the subject; the judgment names the
 * conversation held, the signer's role, the measures with dates, the Klachtenloket and the
 * Geschillencommissie. The forms say beforehand what Klantsignaal will send, and after what went out.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ical from 'node-ical';
import { createOutbound } from '../../src/adapters/outbound';
import { LocalMailer } from '../../src/adapters/local';
import { PEOPLE, testServices } from '../support/services';
import { BotDriver, cardText, findInput } from '../support/test-adapter';
import { actionsWithVerb, escalatedComplaint, move, type PlanningServices } from './planning-support';

const NOW = '2026-12-21T10:00:00+01:00';

/** The .eml's text part, with quoted-printable soft breaks and escapes undone. */
function emlText(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\r\n/g, '\n');
}

describe('letters and invitation to the parent, from the local outbox', () => {
  let dataDir: string;
  let services: PlanningServices;
  let driver: BotDriver;
  let signalId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ks-letters-'));
    const base = await testServices(NOW);
    const outbound = await createOutbound({
      env: {},
      dataDir,
      store: { kind: 'sqlite', path: path.join(dataDir, 'klantsignaal.sqlite') },
      organisationName: 'Kinderopvang De Regenboog',
      now: () => base.clock.now(),
    });
    services = { ...base, outbound };
    driver = new BotDriver(services);
    signalId = await escalatedComplaint(driver, { parentEmail: 'sanne@example.nl', receivedOn: '2026-12-21' });
  });

  afterAll(async () => {
    await services.outbound.outbox.close();
    await services.store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('invites the parent in their own words, at the centre, and invites the location manager they met', async () => {
    const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
    const [first] = actionsWithVerb(offer.card, 'planning.pick');
    await driver.execute(PEOPLE.manager, 'planning.pick', first!.data);
    const dir = path.join(dataDir, 'outbox', 'invites');
    const [file] = readdirSync(dir).filter((name) => name.endsWith('.ics'));
    const parsed = ical.sync.parseICS(readFileSync(path.join(dir, file!), 'utf8'));
    const event = Object.values(parsed).find((c): c is ical.VEvent => c?.type === 'VEVENT')!;
    const text = String(event.description);
    expect(text).toContain('Beste Sanne de Vries,');
    expect(text).toContain('het gesprek over uw klacht');
    expect(text).not.toMatch(/signaal|de ouder|deelnamelink/);
    expect(text).toMatch(/op (maandag|dinsdag|woensdag|donderdag|vrijdag) \d+ \w+ 2026 om \d\d:\d\d uur/);
    expect(text).toContain('KDV De Zonnebloem, Utrecht, Zonnebloemstraat 12, 3514 AB Utrecht');
    expect(text).toContain('Adele Vance (manager primair proces)');
    expect(text).toContain('Megan Bowen (locatiemanager)');
    expect(text).toContain('Komt dit moment u niet goed uit? Bel ons op 030 123 45 67');
    expect(text).toContain('E-mail klachten@regenboog.example');
    expect(String(event.location)).toContain('Zonnebloemstraat 12');
    const attendees = ([] as unknown[]).concat(event.attendee ?? []).map((a) => JSON.stringify(a));
    expect(attendees.join(' ')).toContain('megan.bowen@regenboog.example');
  });

  it('previews the confirmation on its form and says after sending what went out, to whom and when', async () => {
    const form = await driver.execute(PEOPLE.manager, 'signal.form', { signalId, move: 'confirmationSent' });
    const formText = cardText(form.card);
    expect(formText).toContain('Klantsignaal mailt deze bevestiging naar s…@example.nl.');
    expect(formText).toContain('Bevestiging van uw klacht');
    expect(formText).not.toContain('Bevestig dat de ouder');
    const [submit] = actionsWithVerb(form.card, 'signal.move');
    expect(submit!.title).toBe('Versturen');
    const sent = await driver.execute(PEOPLE.manager, 'signal.move', submit!.data);
    expect(cardText(sent.card)).toMatch(/De bevestiging gemaild naar s…@example\.nl \(\w\w \d+ dec 2026 \d\d:\d\d\)\./);
    expect(cardText(sent.card)).not.toContain('opgeslagen');

    const mailer = new LocalMailer({ outboxDir: services.outbound.outboxDir, from: { name: 'x', email: 'x@y.nl' } });
    const letter = emlText(mailer.fileFor(`${String(submit!.data.formId)}:letter`));
    expect(letter).toMatch(/^Datum: \w+dag \d+ \w+ 202[67]\nKenmerk: KS-2026-\d{4}$/m);
    expect(letter).toContain('Op maandag 21 december 2026 heeft u ons laten weten');
    expect(letter).toContain('Uw klacht gaat over het thema communicatie.');
    expect(letter).toMatch(/gesprek over uw klacht op \w+dag \d+ \w+ 202[67] om \d\d:\d\d uur\./);
    expect(letter).toContain('Het gesprek is bij KDV De Zonnebloem, Utrecht, Zonnebloemstraat 12');
    expect(letter).toContain(
      'U spreekt met Adele Vance (manager primair proces), Isaiah Langer (staf kwaliteit) en Megan Bowen (locatiemanager).',
    );
    expect(letter).toContain('Komt dit moment u niet goed uit?');
    expect(letter).toContain('uiterlijk maandag 1 februari 2027 ons schriftelijke oordeel');
    expect(letter).not.toContain('streven');
    expect(letter).toContain('Telefoon 030 123 45 67');
    expect(letter).toMatch(/Adele Vance\nManager primair proces\nKinderopvang De Regenboog/);
  });

  it('sends the judgment without asking "verstuurd op / per", and it names what the parent may do next', async () => {
    services.clock.set(new Date('2027-01-05T11:00:00+01:00'));
    await move(driver, PEOPLE.manager, signalId, 'conversationHeld', { heldOn: '2027-01-04' });
    const form = await driver.execute(PEOPLE.manager, 'signal.form', { signalId, move: 'recordDecision' });
    expect(findInput(form.card, 'sentOn')).toBeUndefined();
    expect(findInput(form.card, 'sentVia')).toBeUndefined();
    expect(cardText(form.card)).toContain('Klantsignaal mailt de brief met de uitkomst naar s…@example.nl.');
    const [submit] = actionsWithVerb(form.card, 'signal.move');
    const sent = await driver.execute(PEOPLE.manager, 'signal.move', {
      ...submit!.data,
      text: 'De overdracht was te kort; dat had niet mogen gebeuren.',
      tenor: 'partlyFounded',
      measure1: 'Overdracht van vijf minuten bij elk ophaalmoment',
      measure1Deadline: '2027-01-15',
    });
    expect(cardText(sent.card)).toContain('De brief met de uitkomst gemaild naar s…@example.nl');
    const mailer = new LocalMailer({ outboxDir: services.outbound.outboxDir, from: { name: 'x', email: 'x@y.nl' } });
    const letter = emlText(mailer.fileFor(`${String(submit!.data.formId)}:letter`));
    expect(letter).toContain('Op maandag 4 januari 2027 hebben wij uw klacht met u besproken; u sprak met Adele Vance');
    expect(letter).toContain('Ons oordeel: uw klacht is deels gegrond.');
    expect(letter).toContain('- Overdracht van vijf minuten bij elk ophaalmoment (uiterlijk vrijdag 15 januari 2027)');
    expect(letter).toContain('gratis informatie, advies of bemiddeling vragen bij het Klachtenloket Kinderopvang');
    expect(letter).toContain('Dat is niet verplicht.');
    expect(letter).toContain('Geschillencommissie Kinderopvang (www.degeschillencommissie.nl)');
    expect(letter).toContain('uiterlijk dinsdag 21 december 2027');
    expect(letter).toContain('bindend');
    expect(letter).toContain('klachtengeld');
    expect(letter).toMatch(/Adele Vance\nManager primair proces/);
    const stored = (await services.store.get(signalId))!.value;
    expect(stored.decision).toMatchObject({ sentVia: 'email', sentOn: '2027-01-05' });
  });
});
