import template from './list.json';
import { expand, type AdaptiveCard } from './render';
import { nlCommands } from '../src/i18n/nl-commands';

export interface ListRow {
  reference: string;
  kind: string;
  /** Location and step, already joined. */
  place: string;
  /** Deadline line that names the deadline, e.g. "wettelijke termijn di 5 jan 2027 · bijna". */
  deadline: string;
  tone: 'default' | 'warning' | 'attention' | 'good';
}

export interface ListModel {
  title: string;
  filters?: string;
  rows: ListRow[];
  /** Shown when there are no rows. */
  empty?: string;
  footer?: string;
  /** When present, a "Meer" button carries it back (Action.Execute `list.more`). */
  more?: { query: string; continuation: string };
}

const COLORS = { default: 'Default', warning: 'Warning', attention: 'Attention', good: 'Good' } as const;

/** A compact list of signals, one tappable block per signal ("status <referentie>" on tap). */
export function listCard(model: ListModel): AdaptiveCard {
  return expand(template, {
    title: model.title,
    filters: model.filters ?? '',
    empty: model.rows.length === 0 ? (model.empty ?? nlCommands.list.none) : '',
    rows: model.rows.map((row) => ({
      ...row,
      color: COLORS[row.tone],
      open: `status ${row.reference}`,
      openLabel: nlCommands.list.openLabel,
    })),
    hint: model.rows.length > 0 ? nlCommands.list.open : '',
    footer: model.footer ?? '',
    more: model.more !== undefined,
    moreLabel: nlCommands.list.more,
    query: model.more?.query ?? '',
    continuation: model.more?.continuation ?? '',
  });
}
