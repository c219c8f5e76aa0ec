import { listCard, type ListRow } from '../../cards/list';
import { noticeCard } from '../../cards/notice';
import type { AdaptiveCard } from '../../cards/render';
import { mayHandlePersonalData } from '../../src/app/access';
import { listQuerySchema, runList, type ListQuery, type QueryDeps } from '../../src/app/queries';
import { normaliseReference } from '../../src/domain/reference';
import { deadlineState } from '../../src/domain/deadlines';
import type { Person } from '../../src/domain/organisation';
import type { Signal } from '../../src/domain/signal';
import { formatCardDate, literal } from '../../src/i18n/format';
import { openDeadlines } from '../../src/domain/open-deadlines';
import { nl } from '../../src/i18n/nl';
import { nlCommands } from '../../src/i18n/nl-commands';
import { cardMessage } from '../attachments';
import type { TurnRequest } from '../handlers';
import { inSharedConversation } from '../conversation';

/** The use cases' view of the bot's services. */
export function queryDeps(request: TurnRequest): QueryDeps {
  const { services, logger } = request;
  return {
    store: services.store,
    directory: services.directory,
    clock: services.clock,
    accessLog: services.accessLog,
    logger,
  };
}

/** A polite Dutch notice card. */
export async function sendNotice(
  request: TurnRequest,
  text: string,
  tone: 'default' | 'warning' = 'default',
): Promise<void> {
  await request.context.sendActivity(cardMessage(noticeCard({ text, tone })));
}

function titleFor(query: ListQuery): string {
  switch (query.kind) {
    case 'mine':
      return nlCommands.titles.mine;
    case 'open':
      return nlCommands.titles.open;
    case 'deadlines':
      return nlCommands.titles.deadlines(query.days ?? 7);
    case 'overdue':
      return nlCommands.titles.overdue;
    case 'search':
      return nlCommands.titles.search(literal(query.text));
  }
}

function filtersFor(request: TurnRequest, query: ListQuery): string {
  if (query.kind !== 'open') return '';
  const parts: string[] = [];
  if (query.locationId) {
    const location = request.services.directory.organisation().locations.find((l) => l.id === query.locationId);
    parts.push(`${nlCommands.filters.location}: ${literal(location?.name ?? query.locationId)}`);
  }
  if (query.signalKind) parts.push(`${nlCommands.filters.kind}: ${nl.kinds[query.signalKind]}`);
  if (query.step) parts.push(`${nlCommands.filters.step}: ${nl.steps[query.step]}`);
  return parts.join(' · ');
}

function rowFor(request: TurnRequest, signal: Signal, query: ListQuery): ListRow {
  const { services } = request;
  const location = services.directory.organisation().locations.find((l) => l.id === signal.locationId);
  const place = `${literal(location?.name ?? signal.locationId)} · ${nl.steps[signal.step]}`;
  if (signal.status === 'closed') {
    return {
      reference: signal.reference,
      kind: nl.kinds[signal.kind],
      place,
      deadline: nlCommands.export.status.closed,
      tone: 'good',
    };
  }
  // The deadline the row is about: in `termijnen` the first one inside the window, else the next one.
  const open = openDeadlines(signal);
  const shown =
    (query.kind === 'deadlines' ? open.find((deadline) => deadline.at >= query.from) : undefined) ?? open[0];
  if (!shown) {
    return {
      reference: signal.reference,
      kind: nl.kinds[signal.kind],
      place,
      deadline: nlCommands.list.noDeadline,
      tone: 'default',
    };
  }
  const state = deadlineState(shown.at, services.clock.now(), services.deadlines);
  const tone = state === 'late' ? 'attention' : state === 'dueSoon' ? 'warning' : 'default';
  return {
    reference: signal.reference,
    kind: nl.kinds[signal.kind],
    place,
    deadline: `${nlCommands.list.deadlineNames[shown.key]} ${formatCardDate(shown.at)} · ${nl.deadlineStates[state]}`,
    tone,
  };
}

/**
 * A search by free text matches the parent's name and the description for who may see those
 * (src/app/queries.ts): posted in a group chat or channel, its result would tell everyone there
 * which family a signal is about. There it is answered only for a reference, or for a person whose
 * roles never see personal data (mt, admin).
 */
function searchWouldShareMatches(request: TurnRequest, person: Person, query: ListQuery): boolean {
  return (
    query.kind === 'search' &&
    normaliseReference(query.text) === undefined &&
    mayHandlePersonalData(person) &&
    inSharedConversation(request.context)
  );
}

/** Runs a list query for the person and renders one page of it. */
export async function listPageCard(
  request: TurnRequest,
  person: Person,
  query: ListQuery,
  continuation?: string,
): Promise<AdaptiveCard> {
  if (searchWouldShareMatches(request, person, query)) {
    return noticeCard({ text: nlCommands.list.searchPersonalOnly, tone: 'warning' });
  }
  const page = await runList(queryDeps(request), person, query, continuation);
  const title = titleFor(query);
  const rows = page.items.map((signal) => rowFor(request, signal, query));
  const footer = page.continuation && rows.length === 0 ? nlCommands.list.partial : '';
  return listCard({
    title: continuation ? nlCommands.list.moreTitle(title) : title,
    filters: filtersFor(request, query),
    rows,
    empty: continuation ? nlCommands.list.noMore : nlCommands.list.none,
    footer,
    ...(page.continuation ? { more: { query: JSON.stringify(query), continuation: page.continuation } } : {}),
  });
}

/** Sends the first page of a list as a new message. */
export async function sendList(request: TurnRequest, person: Person, query: ListQuery): Promise<void> {
  // Validated like the "meer" button's copy, so page 1 and page 2 read the same question.
  const parsed = listQuerySchema.parse(query);
  await request.context.sendActivity(cardMessage(await listPageCard(request, person, parsed)));
}
