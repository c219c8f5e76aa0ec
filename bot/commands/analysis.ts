import { z } from 'zod';
import { produceAnnualAnalysis } from '../../src/app/annual-analysis';
import { analysisId, defaultReportYear, isInterim, mayViewAnalysis } from '../../src/domain/analysis-workflow';
import { nlAnalysis } from '../../src/i18n/nl-analysis';
import { nlCommands } from '../../src/i18n/nl-commands';
import { noticeCard } from '../../cards/notice';
import type { AdaptiveCard } from '../../cards/render';
import { cardMessage } from '../attachments';
import { fileConsentAvailable, offerDownloads } from '../downloads';
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

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
} as const;

function inPersonalChat(request: TurnRequest): boolean {
  const type = request.context.activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/**
 * The Word file and the CSV (personal chat only: Teams' rule for bot files): as FileConsentCards
 * in Teams, as single-use download links where file consent does not exist (bot/downloads.ts).
 */
async function offerFiles(request: TurnRequest, analysis: AnnualAnalysis, documents: AnalysisDocuments): Promise<void> {
  if (!inPersonalChat(request)) {
    await sendNotice(request, nlAnalysis.card.filesPersonalOnly);
    return;
  }
  if (!fileConsentAvailable(request)) {
    await offerDownloads(
      request,
      ANALYSIS_FILE_FORMATS.map((format) => ({
        ...documents[format],
        contentType: CONTENT_TYPES[format],
        source: analysisId(analysis.year),
      })),
    );
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
 * Puts `card` where the "working on it" card stands (updateActivity), so the chat shows one
 * answer; when the client cannot update (or the first card never got an id), it is sent anew.
 */
async function replaceWorkingCard(request: TurnRequest, workingId: string | undefined, card: AdaptiveCard) {
  if (workingId) {
    try {
      await request.context.updateActivity({ ...cardMessage(card), id: workingId });
      return;
    } catch (error) {
      request.logger.warn({ err: error }, 'working card not replaced; sending the result anew');
    }
  }
  await request.context.sendActivity(cardMessage(card));
}

/**
 * `analyse [jaar]`. Without a year: the report due next — January–May last year's (due at the
 * GGD before 1 June), June–December this year's so far (interim).
 * - staf kw: a "working on it" card at once, replaced in place by the analysis card when the
 *   figures are computed (or shown frozen once adopted), then the .docx and .csv;
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
    const now = request.services.clock.now();
    const { year, interim } =
      parsed.data === undefined ? defaultReportYear(now) : { year: parsed.data, interim: isInterim(parsed.data, now) };
    if (person.roles.includes('quality')) {
      const working = await request.context.sendActivity(
        cardMessage(noticeCard({ text: nlAnalysis.card.working(year, interim) })),
      );
      const produced = await produceAnnualAnalysis(deps, year, analysisActor(person));
      if (!produced.ok) {
        await replaceWorkingCard(
          request,
          working?.id,
          noticeCard({ text: nlAnalysis.workflowErrors[produced.error], tone: 'warning' }),
        );
        return;
      }
      const analysis = produced.analysis.value;
      request.logger.info({ year, recomputed: produced.recomputed, status: analysis.status }, 'analysis produced');
      const notice = produced.recomputed ? nlAnalysis.card.produced(year) : nlAnalysis.messages.frozen(year);
      await replaceWorkingCard(
        request,
        working?.id,
        analysisCardFor(request, person, analysis, { notice: { text: notice, tone: 'good' } }),
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
