/**
 * The yearly analysis's measure reminder card: its owner (or staf kw, or the MT) says "bezig" or
 * "afgerond" on the card itself; the answer replaces the reminder in place. The owner of a measure
 * may not open the analysis card, so this verb is theirs. The use case checks who may.
 */
import { z } from 'zod';
import { noticeCard } from '../../cards/notice';
import { updateAnnualAnalysisMeasure } from '../../src/app/annual-analysis';
import { nl } from '../../src/i18n/nl';
import { nlAnalysis } from '../../src/i18n/nl-analysis';
import { nlCommands } from '../../src/i18n/nl-commands';
import { nlReminders } from '../../src/i18n/nl-reminders';
import { literal } from '../../src/i18n/format';
import type { VerbHandler } from '../handlers';

const texts = nlReminders.analysis;

const measureProgress = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  measureId: z.string().trim().min(1).max(100),
  status: z.enum(['inProgress', 'done']),
});

export const analysisReminderMeasureVerb: VerbHandler = {
  verb: 'analysis.reminder.measure',
  needsPerson: true,
  async run(request, data) {
    const deps = request.services.analysis;
    if (!deps) return noticeCard({ text: nlAnalysis.card.notSetUp, tone: 'warning' });
    const parsed = measureProgress.safeParse(data);
    if (!parsed.success) return noticeCard({ text: nl.errors.badRequest, tone: 'error' });
    const person = request.person!;
    const { year, measureId, status } = parsed.data;
    const measure = (await deps.analyses.get(year))?.value.measures.find((item) => item.id === measureId);
    if (!measure) return noticeCard({ text: texts.measureGone, tone: 'warning' });
    const description = literal(measure.description);
    const outcome = await updateAnnualAnalysisMeasure(
      deps,
      year,
      { id: person.id, name: person.name, roles: person.roles },
      measureId,
      status,
    );
    if (outcome.ok) {
      request.logger.info({ year, measureId, status }, 'analysis measure updated from its reminder');
      return noticeCard({ text: texts.measureUpdated(description, status) });
    }
    request.logger.info({ year, measureId, error: outcome.error }, 'analysis measure update refused');
    if (outcome.error === 'notAllowed') return noticeCard({ text: nlCommands.notAllowed, tone: 'warning' });
    // Teams re-sends a slow turn, and people press twice: the same status again changes nothing.
    if (outcome.error === 'alreadyDone') return noticeCard({ text: texts.measureUnchanged(description, status) });
    if (outcome.error === 'unknownMeasure' || outcome.error === 'notFound') {
      return noticeCard({ text: texts.measureGone, tone: 'warning' });
    }
    return noticeCard({ text: nlAnalysis.workflowErrors[outcome.error], tone: 'warning' });
  },
};
