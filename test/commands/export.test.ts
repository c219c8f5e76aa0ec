import ExcelJS from 'exceljs';
import { TestAdapter, type Activity, type FileConsentCardResponse, type TurnContext } from 'botbuilder';
import { acceptFileConsent, declineFileConsent } from '../../bot/commands/file-consent';
import { KlantsignaalBot } from '../../bot/klantsignaal-bot';
import type { BotServices } from '../../bot/services';
import { buildExport } from '../../src/app/export';
import { cardOf, cardText } from '../support/test-adapter';
import { uploadServer } from '../support/upload-server';
import { commandServices, personOf, ROLE_PEOPLE, seed, type TestServices } from './fixtures';

/** The bot with the two file-consent overrides the composition wires in (see the report to the lead). */
class BotWithFiles extends KlantsignaalBot {
  constructor(private readonly botServices: BotServices) {
    super(botServices);
  }
  protected override async handleTeamsFileConsentAccept(context: TurnContext, response: FileConsentCardResponse) {
    await acceptFileConsent(this.botServices, context, response);
  }
  protected override async handleTeamsFileConsentDecline(context: TurnContext, response: FileConsentCardResponse) {
    await declineFileConsent(this.botServices, context, response);
  }
}

describe('export through the file consent flow', () => {
  let services: TestServices;
  let adapter: TestAdapter;
  let sequence = 0;
  const from = (person: { id: string; name: string }) => ({
    id: `29:${person.id}`,
    name: person.name,
    aadObjectId: person.id,
  });

  async function send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    adapter.activeQueue.splice(0);
    sequence += 1;
    await adapter.receiveActivity({ id: `activity-${sequence}`, ...activity });
    return adapter.activeQueue.splice(0);
  }

  const exportAs = (person: { id: string; name: string }, conversationType?: string) =>
    send({
      type: 'message',
      text: 'export 2026',
      from: from(person),
      conversation: { id: 'conv-1', isGroup: false, name: 'chat', conversationType: conversationType ?? 'personal' },
    });

  const consentAnswer = (action: 'accept' | 'decline', context: unknown, uploadUrl: string) =>
    send({
      type: 'invoke',
      name: 'fileConsent/invoke',
      from: from(ROLE_PEOPLE.quality),
      conversation: { id: 'conv-1', isGroup: false, name: 'chat', conversationType: 'personal' },
      value: {
        type: 'fileUpload',
        action,
        context,
        uploadInfo: {
          name: 'klantsignaal-signalen-2026.xlsx',
          uploadUrl,
          contentUrl: 'https://contoso-my.sharepoint.com/personal/isaiah/Documents/klantsignaal-signalen-2026.xlsx',
          uniqueId: 'file-unique-id-1',
          fileType: 'xlsx',
        },
      },
    });

  beforeEach(async () => {
    services = { ...(await commandServices()), allowLocalHttpUploads: true };
    const bot = new BotWithFiles(services);
    adapter = new TestAdapter(async (context) => bot.run(context));
    adapter.template.channelId = 'msteams';
    await seed(services, [
      {
        sequence: 1,
        locationId: 'zonnebloem',
        receivedOn: '2026-09-01',
        by: ROLE_PEOPLE.employee,
        parentName: 'Sanne de Vries',
      },
      {
        sequence: 2,
        kind: 'question',
        locationId: 'vlinder',
        receivedOn: '2026-11-20',
        by: ROLE_PEOPLE.otherEmployee,
        parentName: 'Piet Jansen',
      },
      {
        sequence: 3,
        kind: 'compliment',
        locationId: 'eikeltje',
        receivedOn: '2026-02-03',
        by: ROLE_PEOPLE.locationManager,
        closedOn: '2026-02-04',
      },
    ]);
    await seed(services, [{ sequence: 1, receivedOn: '2025-12-30', by: ROLE_PEOPLE.employee }]);
  });

  it('sends a FileConsentCard with name, size and the year as context; nothing is logged yet', async () => {
    const [reply] = await exportAs(ROLE_PEOPLE.quality);
    const attachment = reply?.attachments?.[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
    expect(attachment?.name).toBe('klantsignaal-signalen-2026.xlsx');
    const content = attachment?.content as { sizeInBytes: number; acceptContext: unknown; description: string };
    expect(content.sizeInBytes).toBeGreaterThan(1000);
    expect(content.acceptContext).toEqual({ purpose: 'export', year: 2026 });
    expect(content.description).toContain('3 signalen');
    expect(await services.accessLog.list({ personId: ROLE_PEOPLE.quality.id })).toEqual([]);
  });

  it('refuses outside the personal chat, and for every role but quality', async () => {
    const [inGroup] = await exportAs(ROLE_PEOPLE.quality, 'groupChat');
    expect(cardText(cardOf(inGroup))).toContain('persoonlijke chat');
    for (const role of ['employee', 'locationManager', 'manager', 'mt', 'admin'] as const) {
      const [reply] = await exportAs(ROLE_PEOPLE[role]);
      expect(cardText(cardOf(reply))).toContain('hoort niet bij jouw rol');
    }
  });

  it('on accept uploads the .xlsx with PUT, sends the file card and logs one export per signal', async () => {
    const { url, uploads, server } = await uploadServer();
    try {
      const replies = await consentAnswer('accept', { purpose: 'export', year: 2026 }, url);
      const response = replies.find((activity) => activity.type === 'invokeResponse');
      expect((response?.value as { status: number }).status).toBe(200);
      expect(uploads).toHaveLength(1);
      const [upload] = uploads;
      expect(upload?.method).toBe('PUT');
      const size = upload!.body.length;
      expect(upload?.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
      expect(Number(upload?.headers['content-length'])).toBe(size);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(upload!.body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Signalen')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(
        expect.arrayContaining([
          'Referentie',
          'Soort',
          'Kindercentrum',
          'Binnen 6 weken',
          'Naam ouder',
          'E-mail ouder',
        ]),
      );
      expect(sheet.rowCount).toBe(4);
      const column = (name: string) => header.indexOf(name) + 1;
      const rows = [2, 3, 4].map((index) => sheet.getRow(index));
      expect(rows.map((row) => row.getCell(column('Referentie')).value)).toEqual([
        'KS-2026-0003',
        'KS-2026-0001',
        'KS-2026-0002',
      ]);
      expect(rows[1]?.getCell(column('Naam ouder')).value).toBe('Sanne de Vries');
      expect(rows[1]?.getCell(column('Binnen 6 weken')).value).toBe('nee');
      expect(rows[0]?.getCell(column('Kindercentrum')).value).toBe("Peuteropvang 't Eikeltje, Zeist");

      const fileCard = replies.find(
        (activity) => activity.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.info',
      );
      expect(fileCard?.attachments?.[0]).toMatchObject({
        contentUrl: expect.stringContaining('sharepoint.com'),
        name: 'klantsignaal-signalen-2026.xlsx',
        content: { uniqueId: 'file-unique-id-1', fileType: 'xlsx' },
      });
      const logged = await services.accessLog.list({ personId: ROLE_PEOPLE.quality.id });
      expect(logged.map((entry) => [entry.reference, entry.action]).sort()).toEqual([
        ['KS-2026-0001', 'export'],
        ['KS-2026-0002', 'export'],
        ['KS-2026-0003', 'export'],
      ]);
    } finally {
      server.close();
    }
  });

  it('uploads nothing when the access log cannot record the export', async () => {
    const { url, uploads, server } = await uploadServer();
    try {
      services.accessLog.record = async () => {
        throw new Error('access log unavailable');
      };
      // The error goes on to the adapter's onTurnError (the kind Dutch answer in src/server.ts).
      await expect(consentAnswer('accept', { purpose: 'export', year: 2026 }, url)).rejects.toThrow(
        'access log unavailable',
      );
      expect(uploads).toHaveLength(0);
    } finally {
      server.close();
    }
  });

  it('a failed upload says so (the attempt stays logged); a forged context or non-HTTPS remote URL uploads nothing', async () => {
    const { url, uploads, server } = await uploadServer(500);
    try {
      const replies = await consentAnswer('accept', { purpose: 'export', year: 2026 }, url);
      expect(replies.map((r) => (r.attachments?.[0] ? cardText(cardOf(r)) : '')).join()).toContain(
        'kon niet worden geüpload',
      );
      expect(await services.accessLog.list({ personId: ROLE_PEOPLE.quality.id })).toHaveLength(3);
      uploads.splice(0);
      await consentAnswer('accept', { purpose: 'something-else' }, url);
      await consentAnswer('accept', { purpose: 'export', year: 2026 }, 'http://example.com/upload');
      expect(uploads).toHaveLength(0);
    } finally {
      server.close();
    }
  });

  it("uploads only to Teams' file host (*.sharepoint.com over HTTPS): another host gets nothing, not even a log entry", async () => {
    const before = (await services.accessLog.list({ personId: ROLE_PEOPLE.quality.id })).length;
    for (const uploadUrl of [
      'https://evil.example/upload',
      'https://contoso-my.sharepoint.com.evil.example/upload',
      'http://contoso-my.sharepoint.com/upload',
    ]) {
      const replies = await consentAnswer('accept', { purpose: 'export', year: 2026 }, uploadUrl);
      expect(replies.map((r) => (r.attachments?.[0] ? cardText(cardOf(r)) : '')).join()).toContain(
        'kon niet worden geüpload',
      );
    }
    // Refused before the export was built: nothing left the bot, so nothing to log.
    expect(await services.accessLog.list({ personId: ROLE_PEOPLE.quality.id })).toHaveLength(before);
  });

  it('uploads to plain HTTP on this machine only when the services allow it (tests)', async () => {
    const { url, uploads, server } = await uploadServer(200);
    try {
      await consentAnswer('accept', { purpose: 'export', year: 2026 }, url);
      expect(uploads).toHaveLength(1);
      uploads.splice(0);
      services.allowLocalHttpUploads = false;
      await consentAnswer('accept', { purpose: 'export', year: 2026 }, url);
      expect(uploads).toHaveLength(0);
    } finally {
      server.close();
    }
  });

  it('on decline uploads nothing and says so', async () => {
    const replies = await consentAnswer('decline', { purpose: 'export', year: 2026 }, 'https://example.invalid/x');
    expect(replies.map((r) => (r.attachments?.[0] ? cardText(cardOf(r)) : '')).join()).toContain('niet verstuurd');
  });
});

describe('export columns per role', () => {
  it('quality gets personal-data columns; every other role is refused', async () => {
    const services = await commandServices();
    await seed(services, [{ sequence: 1, by: ROLE_PEOPLE.employee }]);
    const quality = await buildExport(services, await personOf(services, 'quality'), 2026);
    expect(quality.kind).toBe('file');
    if (quality.kind !== 'file') return;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(quality.bytes as unknown as ArrayBuffer);
    const header = (workbook.getWorksheet('Signalen')!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['Naam ouder', 'E-mail ouder', 'Telefoon ouder', 'Omschrijving']));
    for (const role of ['employee', 'locationManager', 'manager', 'mt', 'admin'] as const) {
      expect((await buildExport(services, await personOf(services, role), 2026)).kind).toBe('denied');
    }
  });
});
