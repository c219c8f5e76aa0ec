import { z } from 'zod';
import { produceAnnualAnalysis } from '../../src/app/annual-analysis';
import { mayViewAnalysis, reportYearFor } from '../../src/domain/analysis-workflow';
import { nlAnalysis } from '../../src/i18n/nl-analysis';
import { nlCommands } from '../../src/i18n/nl-commands';
import { cardMessage } from '../attachments';
import type { CommandHandler, TurnRequest } from '../handlers';
import { analysisActor, analysisCardFor } from '../verbs/analysis-verbs';
import { analysisConsentAttachment, ANALYSIS_FILE_FORMATS } from './file-consent';
import { sendNotice } from './list-reply';
import type { AnalysisDocuments } from '../../src/app/annual-analysis';
import type { AnnualAnalysis } from '../../src/domain/analysis-workflow';

const yearArgSchema = z
  .string()
  .trim()
  .regex(/^(\d{4})?$/)
  .transform((value) => (value === '' ? undefined : Number(value)))
  .pipe(z.number().int().min(2000).max(2100).optional());

function inPersonalChat(request: TurnRequest): boolean {
  const type = request.context.activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/** The Word file and the CSV as FileConsentCards (personal chat only: Teams' rule for bot files). */
async function offerFiles(request: TurnRequest, analysis: AnnualAnalysis, documents: AnalysisDocuments): Promise<void> {
  if (!inPersonalChat(request)) {
    await sendNotice(request, nlAnalysis.card.filesPersonalOnly);
    return;
  }
  const status = nlAnalysis.card.statuses[analysis.status].toLowerCase();
  await request.context.sendActivity({
    attachments: ANALYSIS_FILE_FORMATS.map((format) =>
      analysisConsentAttachment(documents[format], analysis.year, format, status),
    ),
  });
}

/**
 * `analyse [jaar]` (default: last year, the one due at the GGD this year).
 * - staf kw: computes the figures (or shows the frozen ones once adopted), the analysis card and
 *   the .docx and .csv as files;
 * - MT: the stored analysis with "Vaststellen" and "Opmerking", and the files to read first;
 * - everyone else: not for their role.
 */
export const analysisCommand: CommandHandler = {
  id: 'analysis',
  needsPerson: true,
  async run(request, args) {
    const person = request.person!;
    if (!mayViewAnalysis(person.roles)) {
      await sendNotice(request, nlCommands.notAllowed);
      return;
    }
    const parsed = yearArgSchema.safeParse(args);
    if (!parsed.success) {
      await sendNotice(request, nlAnalysis.card.usage, 'warning');
      return;
    }
    const deps = request.services.analysis;
    if (!deps) {
      await sendNotice(request, nlAnalysis.card.notSetUp, 'warning');
      return;
    }
    const year = parsed.data ?? reportYearFor(request.services.clock.now());
    if (person.roles.includes('quality')) {
      const produced = await produceAnnualAnalysis(deps, year, analysisActor(person));
      if (!produced.ok) {
        await sendNotice(request, nlAnalysis.workflowErrors[produced.error], 'warning');
        return;
      }
      const analysis = produced.analysis.value;
      request.logger.info({ year, recomputed: produced.recomputed, status: analysis.status }, 'analysis produced');
      const notice = produced.recomputed ? nlAnalysis.card.produced(year) : nlAnalysis.messages.frozen(year);
      await request.context.sendActivity(
        cardMessage(analysisCardFor(request, person, analysis, { notice: { text: notice, tone: 'good' } })),
      );
      await offerFiles(request, analysis, produced.documents);
      return;
    }
    const stored = await deps.analyses.get(year);
    if (!stored) {
      await sendNotice(request, nlAnalysis.card.missing(year));
      return;
    }
    await request.context.sendActivity(cardMessage(analysisCardFor(request, person, stored.value)));
    if (inPersonalChat(request)) await offerFiles(request, stored.value, await deps.documents.render(stored.value));
  },
};
