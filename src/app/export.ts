/**
 * The yearly spreadsheet for staf kw (`export [jaar]`): one row per signal received in the year.
 * Personal-data columns exist only for a person whose role may see personal data at all, and are
 * filled per row only where canSeePersonalData allows. Each exported signal is recorded in the
 * access log when the file actually leaves (recordExport).
 */
import { amsterdamDate } from '../domain/deadlines';
import type { Person } from '../domain/organisation';
import { settlementOf } from '../domain/settlement';
import type { Signal } from '../domain/signal';
import { nl } from '../i18n/nl';
import { nlCommands } from '../i18n/nl-commands';
import { isMelding } from '../domain/reporting-duty';
import { canExport, canSeePersonalData, canViewSignal, mayHandlePersonalData, recordAccess } from './access';
import type { QueryDeps } from './queries';

const PUBLIC_COLUMNS = [
  'reference',
  'kind',
  'location',
  'theme',
  'channel',
  'receivedOn',
  'status',
  'step',
  'highestStep',
  'registeredBy',
  'owner',
  'settleBy',
  'answerBy',
  'escalatedAt',
  'confirmationSentAt',
  'conversationHeldAt',
  'decisionSentOn',
  'closedAt',
  'withinSixWeeks',
  'satisfaction',
  'complaintsDesk',
  'dispute',
  'ruling',
] as const;

export const PERSONAL_COLUMNS = [
  'parentName',
  'parentEmail',
  'parentPhone',
  'contactPreference',
  'description',
  'parentWish',
] as const;

type Column = (typeof PUBLIC_COLUMNS)[number] | (typeof PERSONAL_COLUMNS)[number];

const WIDE: ReadonlySet<Column> = new Set(['location', 'description', 'parentWish', 'registeredBy', 'owner']);

export type ExportOutcome =
  | { kind: 'denied' }
  | {
      kind: 'file';
      fileName: string;
      bytes: Buffer;
      count: number;
      personalData: boolean;
      /** What is in the file, for the access log once it has left (recordExport). */
      signals: { id: string; reference: string }[];
    };

function dateOf(iso: string | undefined): string {
  return iso ? amsterdamDate(iso) : '';
}

function withinSixWeeks(signal: Signal, today: string): string {
  const settlement = settlementOf(signal, today);
  if (settlement.state === 'notApplicable') return '';
  if (settlement.state === 'settled') return settlement.inTime ? nlCommands.export.yes : nlCommands.export.no;
  return settlement.overdue ? nlCommands.export.no : nlCommands.export.pending;
}

function row(
  deps: QueryDeps,
  person: Person,
  signal: Signal,
  today: string,
  personal: boolean,
): Record<Column, string> {
  const organisation = deps.directory.organisation();
  const cells: Record<(typeof PUBLIC_COLUMNS)[number], string> = {
    reference: signal.reference,
    kind: nl.kinds[signal.kind],
    location: organisation.locations.find((location) => location.id === signal.locationId)?.name ?? signal.locationId,
    theme: organisation.themes.find((theme) => theme.id === signal.themeId)?.name ?? signal.themeId,
    channel: nl.channels[signal.channel],
    receivedOn: signal.receivedOn,
    status: nlCommands.export.status[signal.status],
    step: nl.steps[signal.step],
    highestStep: nl.steps[signal.highestStep],
    registeredBy: signal.registeredBy.name,
    owner: signal.owner.name,
    settleBy: dateOf(signal.deadlines.settleBy),
    answerBy: dateOf(signal.deadlines.answerBy),
    escalatedAt: dateOf(signal.escalation?.escalatedAt),
    confirmationSentAt: dateOf(signal.escalation?.confirmationSentAt),
    conversationHeldAt: dateOf(signal.escalation?.conversation.heldAt),
    decisionSentOn: signal.decision?.sentOn ?? '',
    closedAt: dateOf(signal.closedAt),
    withinSixWeeks: withinSixWeeks(signal, today),
    satisfaction: signal.handling ? nl.satisfaction[signal.handling.satisfaction] : '',
    complaintsDesk: signal.complaintsDesk?.caseNumber ?? '',
    dispute: signal.dispute?.caseNumber ?? '',
    ruling: signal.dispute?.ruling ? nl.rulings[signal.dispute.ruling] : '',
  };
  const mayShow = personal && canSeePersonalData(person, signal);
  const parent = mayShow ? signal.parent : null;
  return {
    ...cells,
    parentName: parent?.name ?? '',
    parentEmail: parent?.email ?? '',
    parentPhone: parent?.phone ?? '',
    contactPreference: parent ? nl.contactPreferences[parent.contactPreference] : '',
    description: mayShow ? signal.description : '',
    parentWish: mayShow ? signal.parentWish : '',
  };
}

/**
 * Builds the .xlsx of the signals received in `year` that the person may see. Nothing is logged
 * yet: call recordExport once the file has actually been handed over.
 */
export async function buildExport(deps: QueryDeps, person: Person, year: number): Promise<ExportOutcome> {
  if (!canExport(person)) return { kind: 'denied' };
  const personal = mayHandlePersonalData(person);
  const columns: Column[] = [...PUBLIC_COLUMNS, ...(personal ? PERSONAL_COLUMNS : [])];
  // exceljs (~150 modules) loads on the first export, not at start-up: only staf kw ever exports.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = nl.appName;
  workbook.created = deps.clock.now();
  workbook.modified = deps.clock.now();
  const sheet = workbook.addWorksheet(nlCommands.export.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((key) => ({
    header: nlCommands.export.columns[key],
    key,
    width: WIDE.has(key) ? 40 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  const today = amsterdamDate(deps.clock.now());
  const exported: Signal[] = [];
  for await (const signal of deps.store.streamYear(year)) {
    // canExport today means quality, who sees everything; the check keeps the rule in one place.
    if (!canViewSignal(person, signal)) continue;
    // A melding never goes into a spreadsheet: a file travels beyond the meldplicht route.
    if (isMelding(signal)) continue;
    sheet.addRow(row(deps, person, signal, today, personal));
    exported.push(signal);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    kind: 'file',
    fileName: nlCommands.export.fileName(year),
    bytes,
    count: exported.length,
    personalData: personal,
    signals: exported.map((signal) => ({ id: signal.id, reference: signal.reference })),
  };
}

/** One 'export' entry per signal in the file. */
export async function recordExport(
  deps: QueryDeps,
  person: Person,
  signals: readonly { id: string; reference: string }[],
): Promise<void> {
  for (const signal of signals) await recordAccess(deps, person, signal, 'export');
}
