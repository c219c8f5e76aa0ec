import { DateTime, Info } from 'luxon';
import { z } from 'zod';
import { overviewCard } from '../../cards/overview';
import { seesEverything } from '../../src/app/access';
import { overview, type Period } from '../../src/app/queries';
import { ZONE } from '../../src/domain/deadlines';
import { literal } from '../../src/i18n/format';
import { nl } from '../../src/i18n/nl';
import { nlCommands } from '../../src/i18n/nl-commands';
import { cardMessage } from '../attachments';
import type { CommandHandler } from '../handlers';
import { queryDeps, sendNotice } from './list-reply';

const year = z.coerce.number().int().min(2000).max(2100);
const month = z.coerce.number().int().min(1).max(12);

/**
 * `overzicht [jaar|maand]`: nothing or "jaar" → this year; "2026"; "maand" → this month;
 * "2026-03", "3-2026", "maart" or "maart 2026".
 */
export function parsePeriod(args: string, now: Date): Period | undefined {
  const today = DateTime.fromJSDate(now, { zone: ZONE });
  const text = args.trim().toLowerCase();
  if (text === '' || text === nlCommands.yearWord) return { year: today.year };
  if (text === nlCommands.monthWord) return { year: today.year, month: today.month };
  const plainYear = /^(\d{4})$/.exec(text);
  if (plainYear) {
    const parsed = year.safeParse(plainYear[1]);
    return parsed.success ? { year: parsed.data } : undefined;
  }
  const yearMonth = /^(\d{4})-(\d{1,2})$/.exec(text);
  const monthYear = /^(\d{1,2})-(\d{4})$/.exec(text);
  if (yearMonth || monthYear) {
    const y = year.safeParse(yearMonth ? yearMonth[1] : monthYear?.[2]);
    const m = month.safeParse(yearMonth ? yearMonth[2] : monthYear?.[1]);
    return y.success && m.success ? { year: y.data, month: m.data } : undefined;
  }
  const named = /^([a-z]+)(?:\s+(\d{4}))?$/.exec(text);
  if (named) {
    const index = Info.months('long', { locale: 'nl' }).findIndex((name) => name.toLowerCase() === named[1]);
    const y = year.safeParse(named[2] ?? today.year);
    return index >= 0 && y.success ? { year: y.data, month: index + 1 } : undefined;
  }
  return undefined;
}

function periodLabel(period: Period): string {
  if (!period.month) return String(period.year);
  return DateTime.fromObject({ year: period.year, month: period.month }, { zone: ZONE })
    .setLocale('nl')
    .toFormat('LLLL yyyy');
}

/** `overzicht`: counts per location, kind and step reached; complaints settled within six weeks. */
export const summaryCommand: CommandHandler = {
  id: 'summary',
  needsPerson: true,
  async run(request, args) {
    const person = request.person!;
    const period = parsePeriod(args, request.services.clock.now());
    if (!period) {
      await sendNotice(request, nlCommands.usage.summary, 'warning');
      return;
    }
    const figures = await overview(queryDeps(request), person, period);
    const locations = request.services.directory.organisation().locations;
    const texts = nlCommands.overview;
    const { complaints } = figures;
    const decided = complaints.settledInTime + complaints.late;
    await request.context.sendActivity(
      cardMessage(
        overviewCard({
          title: texts.title(periodLabel(period)),
          scope: seesEverything(person) ? texts.scopeAll : texts.scopeOwn,
          totals: [
            { title: texts.total, value: String(figures.total) },
            { title: texts.open, value: String(figures.open) },
          ],
          sections: [
            {
              heading: texts.byLocation,
              facts: figures.byLocation.map(({ id, count }) => ({
                title: literal(locations.find((location) => location.id === id)?.name ?? id),
                value: String(count),
              })),
            },
            {
              heading: texts.byKind,
              facts: figures.byKind.map(({ kind, count }) => ({ title: nl.kinds[kind], value: String(count) })),
            },
            {
              heading: texts.byStep,
              facts: figures.byStep.map(({ step, count }) => ({ title: nl.steps[step], value: String(count) })),
            },
          ],
          complaintsHeading: texts.complaints,
          complaintsLine:
            figures.total === 0
              ? texts.none
              : complaints.total === 0
                ? texts.noComplaints
                : texts.complaintsLine(complaints.settledInTime, decided, complaints.pending),
        }),
      ),
    );
  },
};
