/**
 * Single-use download links: the store on its own (single use, expiry, wrong person), then through
 * the real restify server and CloudAdapter the way the Agents Playground uses the bot (a loopback
 * serviceUrl, so no Teams file consent): `analyse` on a fresh demo gives real numbers, a card that
 * is replaced in place, and links that hand the .docx over once, to the person who asked.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import pino from 'pino';
import { DownloadLinks } from '../../src/app/download-links';
import { ManualClock } from '../../src/domain/clock';
import { nlDownloads } from '../../src/i18n/nl-downloads';
import { startApp, type RunningApp } from '../../src/server';
import { RecordingConnector } from '../support/recording-connector';
import { PEOPLE, SAMPLE_ORGANISATION, testStoreSettings } from '../support/services';
import { cardText } from '../support/test-adapter';

const file = (name: string) => ({
  fileName: name,
  contentType: 'text/csv',
  content: Buffer.from('a;b\r\n'),
  source: 'analysis-2026',
});

describe('DownloadLinks', () => {
  it('hands a file over once, to its person only, before it expires', () => {
    const clock = new ManualClock(new Date('2026-12-05T10:00:00Z'));
    const links = new DownloadLinks(clock, 10 * 60_000);
    const token = links.create('kw-1', file('a.csv'));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(links.create('kw-1', file('a.csv'))).not.toBe(token);

    // Another person: refused, and the link is not used up by it.
    expect(links.redeem(token, 'mt-1')).toEqual({ ok: false, reason: 'wrongPerson' });
    expect(links.redeem(token, '')).toEqual({ ok: false, reason: 'wrongPerson' });
    const first = links.redeem(token, 'kw-1');
    expect(first.ok && first.file.fileName).toBe('a.csv');
    expect(links.redeem(token, 'kw-1')).toEqual({ ok: false, reason: 'used' });
    expect(links.redeem('no-such-token', 'kw-1')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('expires after its lifetime, to the millisecond', () => {
    const clock = new ManualClock(new Date('2026-12-05T10:00:00Z'));
    const links = new DownloadLinks(clock, 10 * 60_000);
    const late = links.create('kw-1', file('b.csv'));
    const onTime = links.create('kw-1', file('c.csv'));
    clock.set(new Date('2026-12-05T10:10:00.000Z'));
    expect(links.redeem(onTime, 'kw-1').ok).toBe(true);
    clock.set(new Date('2026-12-05T10:10:00.001Z'));
    expect(links.redeem(late, 'kw-1')).toEqual({ ok: false, reason: 'expired' });
    // Expired stays expired (the file is gone), also for the right person later.
    expect(links.redeem(late, 'kw-1')).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('download links through the real server, as the Agents Playground uses the bot', () => {
  let app: RunningApp;
  let connector: RecordingConnector;
  let dataDir: string;
  const clock = new ManualClock(new Date('2026-12-05T10:00:00Z'));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-downloads-'));
    connector = new RecordingConnector();
    await connector.start();
    app = await startApp({
      env: {},
      clock,
      settings: {
        PORT: '0',
        DATA_DIR: dataDir,
        ORGANISATION_FILE: SAMPLE_ORGANISATION,
        DEMO_DATA: 'true',
        ...testStoreSettings(),
      },
      logger: pino({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    await app.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const say = async (text: string, who = PEOPLE.quality) => {
    const before = connector.calls.length;
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text,
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: `a:personal-${who.id}`, conversationType: 'personal', tenantId: 'tenant' },
        from: { id: `29:${who.id}`, name: who.name, aadObjectId: who.id },
        recipient: { id: '28:klantsignaal', name: 'Klantsignaal' },
        id: randomUUID(),
        timestamp: clock.now().toISOString(),
      }),
    });
    expect(response.status).toBe(200);
    return connector.calls.slice(before);
  };

  const cardsOf = (body: Record<string, unknown>) =>
    ((body.attachments as { content: Record<string, unknown> }[] | undefined) ?? []).map((a) => a.content);
  const linksIn = (card: Record<string, unknown>) =>
    ((card.actions as { type: string; title: string; url: string }[] | undefined) ?? []).filter(
      (action) => action.type === 'Action.OpenUrl',
    );

  /** The download card among the calls of a turn (the reminder sweep may post in between). */
  const downloadLinksIn = (calls: { body: Record<string, unknown> }[]) =>
    calls.flatMap((call) => cardsOf(call.body).flatMap(linksIn));

  it('`analyse` on a fresh demo: working card, replaced in place by real numbers, then links', async () => {
    const calls = await say('analyse');
    // The reminder sweep may talk in the same chat at start; the answer is these three calls.
    const working = calls.find((call) => cardText(call.body.attachments).includes('Ik maak het jaarverslag'));
    const replaced = calls.find((call) => call.method === 'PUT');
    const files = calls.find((call) => cardsOf(call.body).some((card) => linksIn(card).length > 0));
    // First the working card, then the same activity replaced (PUT), then the files.
    expect(working?.method).toBe('POST');
    // Replaced in place: the PUT goes to the id the connector gave the working card.
    expect(calls.indexOf(replaced!)).toBeGreaterThan(calls.indexOf(working!));
    expect(cardText(working?.body.attachments)).toContain('Ik maak het jaarverslag klachten 2026 (tussentijds)');
    expect(replaced?.method).toBe('PUT');
    expect(replaced?.path).toMatch(/\/activities\/sent-\d+$/);
    const card = cardText(replaced?.body.attachments);
    expect(card).toContain('Jaarverslag klachten 2026 (tussentijds)');
    expect(card).not.toContain('< 5');
    expect(card).toMatch(/Klachten\n[1-9]\d*/);
    expect(files?.method).toBe('POST');
    const links = linksIn(cardsOf(files!.body)[0]!);
    expect(links.map((link) => link.title)).toEqual([
      'Download jaarverslag-klachten-2026.docx',
      'Download jaarverslag-klachten-2026.csv',
    ]);
    for (const link of links) expect(link.url).toContain(`?voor=${PEOPLE.quality.id}`);

    // The .docx: once, for staf kw; it opens as a Word package with the report in it.
    const docx = await fetch(links[0]!.url);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.headers.get('content-disposition')).toBe('attachment; filename="jaarverslag-klachten-2026.docx"');
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Jaarverslag klachten 2026 (tussentijds)');
    expect(xml).not.toContain('&lt; 5');
    const again = await fetch(links[0]!.url);
    expect(again.status).toBe(410);
    expect(await again.text()).toBe(nlDownloads.refused.used);

    // The .csv asked by someone else (another person's id in the link): refused, not used up.
    const csvUrl = new URL(links[1]!.url);
    const other = new URL(csvUrl);
    other.searchParams.set('voor', PEOPLE.employee.id);
    const refused = await fetch(other);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe(nlDownloads.refused.wrongPerson);
    const stripped = new URL(csvUrl);
    stripped.search = '';
    expect((await fetch(stripped)).status).toBe(403);
    const csv = await fetch(csvUrl);
    expect(csv.status).toBe(200);
    const csvBytes = Buffer.from(await csv.arrayBuffer());
    expect(csvBytes.toString('utf8').startsWith('\uFEFFNiveau;Onderdeel')).toBe(true);

    // Each handed-over file is in the access log: who, which file, when.
    const log = await app.services.accessLog!.list({ personId: PEOPLE.quality.id });
    expect(
      log.filter((entry) => entry.action === 'download').map((entry) => [entry.signalId, entry.reference]),
    ).toEqual([
      ['analysis-2026', 'jaarverslag-klachten-2026.docx'],
      ['analysis-2026', 'jaarverslag-klachten-2026.csv'],
    ]);
  });

  it('refuses a link after its lifetime and an unknown token', async () => {
    const calls = await say('analyse 2026');
    const links = downloadLinksIn(calls);
    clock.set(new Date(clock.now().getTime() + 10 * 60_000 + 1));
    const expired = await fetch(links[0]!.url);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toBe(nlDownloads.refused.expired);
    const unknown = await fetch(`${app.url}/downloads/${'A'.repeat(43)}?voor=${PEOPLE.quality.id}`);
    expect(unknown.status).toBe(410);
    expect(await unknown.text()).toBe(nlDownloads.refused.unknown);
  });

  it('offers the export of a year the same way, and logs each exported signal when it is fetched', async () => {
    const calls = await say('export 2026');
    const links = downloadLinksIn(calls);
    expect(links.map((link) => link.title)).toEqual([expect.stringMatching(/^Download .+\.xlsx$/)]);
    const before = (await app.services.accessLog!.list({ personId: PEOPLE.quality.id })).filter(
      (entry) => entry.action === 'export',
    );
    expect(before).toEqual([]);
    const xlsx = await fetch(links[0]!.url);
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const after = await app.services.accessLog!.list({ personId: PEOPLE.quality.id });
    expect(after.filter((entry) => entry.action === 'export').length).toBeGreaterThan(0);
    expect(after.filter((entry) => entry.action === 'download').at(-1)?.signalId).toBe('export-2026');
  });
});
