import type { Activity } from 'botbuilder';
import { createAnalysisDocumentRenderer } from '../../src/adapters/documents';
import { SqliteAnalysisStore } from '../../src/adapters/sqlite/sqlite-analysis-store';
import type { AnnualAnalysisDeps } from '../../src/app/annual-analysis';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../src/domain/analysis-workflow';
import { commandServices, ROLE_PEOPLE, seed, type SignalSpec, type TestServices } from '../commands/fixtures';
import { PEOPLE } from '../support/services';
import { BotDriver, cardOf, cardText } from '../support/test-adapter';
import { REPORT_CONTENT } from '../analysis/report-content';

/** The people of the walk-through: staf kw, the two MT members of the sample file (and the test's third), an employee. */
export const WHO = {
  quality: ROLE_PEOPLE.quality,
  adele: PEOPLE.manager,
  patti: PEOPLE.admin,
  /** The test organisation's third MT member. */
  mark: ROLE_PEOPLE.mt,
  employee: ROLE_PEOPLE.employee,
} as const;

export type AnalysisServices = TestServices & { analysis: AnnualAnalysisDeps; analyses: SqliteAnalysisStore };

/** The command fixtures plus the real analysis deps: SQLite analysis store, the docx/csv renderer. */
export async function analysisServices(now = '2027-03-01T10:00:00+01:00'): Promise<AnalysisServices> {
  const services = await commandServices();
  services.clock.set(new Date(now));
  const analyses = new SqliteAnalysisStore(':memory:');
  await analyses.init();
  const organisation = services.directory.organisation();
  const analysis: AnnualAnalysisDeps = {
    signals: services.store,
    analyses,
    clock: services.clock,
    settings: DEFAULT_ANALYSIS_SETTINGS,
    reportContent: () => REPORT_CONTENT,
    documents: createAnalysisDocumentRenderer(() => ({
      organisationName: organisation.name,
      locations: organisation.locations,
      themes: organisation.themes,
    })),
  };
  // The upload server of these tests is plain HTTP on this machine.
  return Object.assign(services, { analysis, analyses, allowLocalHttpUploads: true });
}

/** A small year: enough complaints at De Zonnebloem to show figures, a few elsewhere. */
export async function seedYear(services: TestServices): Promise<void> {
  const specs: SignalSpec[] = [];
  for (let i = 1; i <= 8; i += 1) {
    specs.push({
      sequence: i,
      locationId: 'zonnebloem',
      receivedOn: `2026-0${1 + (i % 9)}-1${i % 10}`,
      by: ROLE_PEOPLE.employee,
      ...(i <= 6 ? { closedOn: `2026-0${1 + (i % 9)}-2${i % 10}` } : {}),
    });
  }
  specs.push({
    sequence: 9,
    kind: 'compliment',
    locationId: 'vlinder',
    receivedOn: '2026-05-04',
    by: ROLE_PEOPLE.otherEmployee,
  });
  specs.push({
    sequence: 10,
    kind: 'question',
    locationId: 'eikeltje',
    receivedOn: '2026-10-01',
    by: ROLE_PEOPLE.employee,
  });
  await seed(services, specs);
}

/** Every card in the activities the bot sent. */
export function cardsIn(activities: Partial<Activity>[]): Record<string, unknown>[] {
  return activities
    .filter((activity) => activity.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((activity) => cardOf(activity));
}

/** Every Action.Execute on a card, by verb and title. */
export function executeActions(card: unknown): { verb: string; title: string; data: Record<string, unknown> }[] {
  const found: { verb: string; title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown, inRefresh: boolean): void => {
    if (Array.isArray(node)) node.forEach((item) => walk(item, inRefresh));
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && !inRefresh) {
        found.push({
          verb: String(record.verb),
          title: String(record.title),
          data: (record.data ?? {}) as Record<string, unknown>,
        });
      }
      for (const [key, value] of Object.entries(record)) walk(value, inRefresh || key === 'refresh');
    }
  };
  walk(card, false);
  return found;
}

export const buttonTitles = (card: unknown): string[] => executeActions(card).map((action) => action.title);

/** The data of the button with that title (what Teams sends when it is pressed). */
export function buttonData(card: unknown, title: string): { verb: string; data: Record<string, unknown> } {
  const action = executeActions(card).find((candidate) => candidate.title === title);
  if (!action) throw new Error(`no button ${title} on the card:\n${buttonTitles(card).join(', ')}`);
  return { verb: action.verb, data: action.data };
}

/** Presses a button, optionally with what the user typed in the card's inputs. */
export async function press(
  driver: BotDriver,
  person: { id: string; name: string },
  card: unknown,
  title: string,
  inputs: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const { verb, data } = buttonData(card, title);
  const result = await driver.execute(person, verb, { ...data, ...inputs });
  expect(result.status).toBe(200);
  return result.card;
}

export { cardText };
export { uploadServer } from '../support/upload-server';

/** Teams' answer to a FileConsentCard, as the invoke the bot receives. */
export async function consentAnswer(
  driver: BotDriver,
  person: { id: string; name: string },
  action: 'accept' | 'decline',
  context: unknown,
  uploadUrl: string,
  name: string,
): Promise<Partial<Activity>[]> {
  driver.adapter.activeQueue.splice(0);
  await driver.adapter.receiveActivity({
    type: 'invoke',
    name: 'fileConsent/invoke',
    id: `consent-${Math.random().toString(36).slice(2)}`,
    from: { id: `29:${person.id}`, name: person.name, aadObjectId: person.id },
    value: {
      type: 'fileUpload',
      action,
      context,
      uploadInfo: {
        name,
        uploadUrl,
        contentUrl: `https://contoso-my.sharepoint.com/personal/kw/Documents/${name}`,
        uniqueId: 'file-unique-id-analysis',
        fileType: name.split('.').pop(),
      },
    },
  });
  return driver.adapter.activeQueue.splice(0);
}

/** A file attached to an .eml, decoded from its base64 MIME part. */
export interface EmlAttachment {
  name: string;
  contentType: string;
  content: Buffer;
}

/**
 * The attachments of an RFC 5322 message as a mail client reads them: the parts of each multipart
 * boundary whose Content-Disposition is attachment, base64 decoded.
 */
export function emlAttachments(eml: string): EmlAttachment[] {
  const found: EmlAttachment[] = [];
  const boundaries = [...eml.matchAll(/boundary="?([^";\r\n]+)"?/g)].map((match) => match[1] as string);
  for (const boundary of boundaries) {
    for (const part of eml.split(`--${boundary}`)) {
      const split = part.search(/\r?\n\r?\n/);
      if (split < 0) continue;
      const head = part.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
      if (!/^Content-Disposition:\s*attachment/im.test(head)) continue;
      expect(head).toMatch(/^Content-Transfer-Encoding:\s*base64/im);
      found.push({
        name: /filename="?([^";\r\n]+)"?/i.exec(head)?.[1] ?? '',
        contentType: /^Content-Type:\s*([^;\r\n]+)/im.exec(head)?.[1]?.trim() ?? '',
        content: Buffer.from(part.slice(split).replace(/\s+/g, ''), 'base64'),
      });
    }
  }
  return found;
}
