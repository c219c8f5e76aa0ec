import { z } from 'zod';
import { canExport } from '../../src/app/access';
import { renderAnnualAnalysis } from '../../src/app/annual-analysis';
import { buildExport, recordExport, type ExportOutcome } from '../../src/app/export';
import { nlAnalysis } from '../../src/i18n/nl-analysis';
import { nlCommands } from '../../src/i18n/nl-commands';
import type { TurnRequest } from '../handlers';
import type { BotServices } from '../services';
import { queryDeps, sendNotice } from './list-reply';
import type { OutgoingAttachment, Turn } from '../turn';

/** Teams' answer to a FileConsentCard, as the edge hands it over; both parts are validated here. */
export interface FileConsentAnswer {
  context?: unknown;
  uploadInfo?: unknown;
}

/**
 * Sending a file to a user, the Teams way for bots (personal chat only):
 * 1. the bot sends a FileConsentCard (name, size, description, accept/decline context);
 * 2. on "Toestaan" Teams creates the file in the user's OneDrive and sends a `fileConsent/invoke`
 *    with an upload session URL; the bot PUTs the bytes there;
 * 3. the bot sends a file info card pointing at the uploaded file.
 * The consent context carries only the purpose and year (and, for the analysis, the format): the
 * file is rebuilt on accept, so nothing is kept between the two turns and any bot instance can answer.
 */
export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';
export const XLSX_FILE_TYPE = 'xlsx';

export const ANALYSIS_FILE_FORMATS = ['docx', 'csv'] as const;
export type AnalysisFileFormat = (typeof ANALYSIS_FILE_FORMATS)[number];

const exportContextSchema = z.object({
  purpose: z.literal('export'),
  year: z.number().int().min(2000).max(2100),
});
/** The yearly analysis' Word file or CSV (bot/commands/analysis.ts); no personal data in either. */
const analysisContextSchema = z.object({
  purpose: z.literal('analysis'),
  year: z.number().int().min(2000).max(2100),
  format: z.enum(ANALYSIS_FILE_FORMATS),
});
const consentContextSchema = z.discriminatedUnion('purpose', [exportContextSchema, analysisContextSchema]);
type AnalysisContext = z.infer<typeof analysisContextSchema>;

const uploadInfoSchema = z.object({
  name: z.string().min(1).max(255),
  uploadUrl: z.url(),
  contentUrl: z.url(),
  uniqueId: z.string().min(1).max(200),
  fileType: z.string().max(20).optional(),
});

export function exportConsentAttachment(
  file: Extract<ExportOutcome, { kind: 'file' }>,
  year: number,
): OutgoingAttachment {
  const context = { purpose: 'export', year };
  return {
    contentType: FILE_CONSENT_CONTENT_TYPE,
    name: file.fileName,
    content: {
      description: file.personalData
        ? nlCommands.export.description(year, file.count)
        : nlCommands.export.descriptionNoPersonal(year, file.count),
      sizeInBytes: file.bytes.length,
      acceptContext: context,
      declineContext: context,
    },
  };
}

export function analysisConsentAttachment(
  file: { fileName: string; content: Buffer },
  year: number,
  format: AnalysisFileFormat,
  statusText: string,
): OutgoingAttachment {
  const context: AnalysisContext = { purpose: 'analysis', year, format };
  return {
    contentType: FILE_CONSENT_CONTENT_TYPE,
    name: file.fileName,
    content: {
      description: nlAnalysis.card.fileDescription(year, format, statusText),
      sizeInBytes: file.content.length,
      acceptContext: context,
      declineContext: context,
    },
  };
}

/**
 * Where the bytes may go. Teams creates the accepted file in the user's OneDrive for Business and
 * names its upload session there: an HTTPS host under sharepoint.com (bots cannot send files in
 * GCC High, DoD or 21Vianet, so no other SharePoint cloud). Anything else in the activity is
 * forged and gets nothing. Plain HTTP to this machine only when the services allow it (tests).
 */
const TEAMS_FILE_HOST_SUFFIXES = ['.sharepoint.com'];

function isAllowedUploadUrl(value: string, allowLocalHttp: boolean): boolean {
  const url = new URL(value);
  if (url.protocol === 'https:') return TEAMS_FILE_HOST_SUFFIXES.some((suffix) => url.hostname.endsWith(suffix));
  return allowLocalHttp && url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

async function turnRequest(services: BotServices, context: Turn): Promise<TurnRequest> {
  const aadObjectId = context.activity.from?.aadObjectId;
  const person = aadObjectId ? await services.directory.findPerson(aadObjectId) : undefined;
  const logger = services.logger.child({
    activityId: context.activity.id,
    conversationId: context.activity.conversation?.id,
    activityType: context.activity.type,
  });
  return { context, services, person, logger };
}

type UploadInfo = z.infer<typeof uploadInfoSchema>;

/** PUTs the bytes to the upload session in one range; false when it did not take them. */
async function upload(request: TurnRequest, info: UploadInfo, bytes: Buffer): Promise<boolean> {
  const size = bytes.length;
  const uploaded = await fetch(info.uploadUrl, {
    method: 'PUT',
    headers: { 'Content-Range': `bytes 0-${size - 1}/${size}` },
    body: bytes,
  }).catch((error: unknown) => {
    request.logger.warn({ err: error }, 'file upload failed');
    return undefined;
  });
  if (!uploaded || !uploaded.ok) {
    request.logger.warn({ status: uploaded?.status }, 'file upload refused');
    return false;
  }
  return true;
}

async function sendFileInfo(context: Turn, text: string, info: UploadInfo, fileType: string): Promise<void> {
  await context.sendActivity({
    text,
    attachments: [
      {
        contentType: FILE_INFO_CONTENT_TYPE,
        contentUrl: info.contentUrl,
        name: info.name,
        content: { uniqueId: info.uniqueId, fileType: info.fileType ?? fileType },
      },
    ],
  });
}

/** "Toestaan": rebuild the file, upload it, log the export, show the file card. */
export async function acceptFileConsent(
  services: BotServices,
  context: Turn,
  response: FileConsentAnswer,
): Promise<void> {
  const request = await turnRequest(services, context);
  const parsedContext = consentContextSchema.safeParse(response.context);
  const parsedUpload = uploadInfoSchema.safeParse(response.uploadInfo);
  if (
    !parsedContext.success ||
    !parsedUpload.success ||
    !isAllowedUploadUrl(parsedUpload.data.uploadUrl, services.allowLocalHttpUploads === true)
  ) {
    request.logger.warn('file consent with an unexpected context or upload info');
    await sendNotice(request, nlCommands.export.failed, 'warning');
    return;
  }
  if (parsedContext.data.purpose === 'analysis') {
    await acceptAnalysisFile(request, parsedContext.data, parsedUpload.data);
    return;
  }
  const info = parsedUpload.data;
  const person = request.person;
  if (!person || !canExport(person)) {
    await sendNotice(request, nlCommands.notAllowed);
    return;
  }
  const file = await buildExport(queryDeps(request), person, parsedContext.data.year);
  if (file.kind !== 'file') {
    await sendNotice(request, nlCommands.notAllowed);
    return;
  }
  // Logged before the bytes leave: an export the access log cannot record does not happen. A
  // failed upload leaves an entry for an attempt, which an audit can live with; the reverse not.
  await recordExport(queryDeps(request), person, file.signals);
  if (!(await upload(request, info, file.bytes))) {
    await sendNotice(request, nlCommands.export.failed, 'warning');
    return;
  }
  request.logger.info({ year: parsedContext.data.year, count: file.count }, 'export uploaded');
  await sendFileInfo(context, nlCommands.export.sent(info.name), info, XLSX_FILE_TYPE);
}

/**
 * The analysis' Word file or CSV, rendered again from the stored record (nothing was kept since
 * the consent card). Staf kw and the MT may have it: it holds no personal data.
 */
async function acceptAnalysisFile(request: TurnRequest, target: AnalysisContext, info: UploadInfo): Promise<void> {
  const deps = request.services.analysis;
  const person = request.person;
  if (!person || !(person.roles.includes('quality') || person.roles.includes('mt'))) {
    await sendNotice(request, nlCommands.notAllowed);
    return;
  }
  if (!deps) {
    await sendNotice(request, nlAnalysis.card.notSetUp, 'warning');
    return;
  }
  const rendered = await renderAnnualAnalysis(deps, target.year);
  if (!rendered) {
    await sendNotice(request, nlAnalysis.card.missing(target.year), 'warning');
    return;
  }
  const file = rendered.documents[target.format];
  if (!(await upload(request, info, file.content))) {
    await sendNotice(request, nlAnalysis.card.fileFailed(target.year), 'warning');
    return;
  }
  request.logger.info(
    { year: target.year, format: target.format, bytes: file.content.length },
    'analysis file uploaded',
  );
  await sendFileInfo(request.context, nlAnalysis.card.fileSent(info.name), info, target.format);
}

/** "Weigeren": nothing is uploaded. */
export async function declineFileConsent(
  services: BotServices,
  context: Turn,
  response: FileConsentAnswer,
): Promise<void> {
  const purpose = consentContextSchema.safeParse(response.context);
  const text =
    purpose.success && purpose.data.purpose === 'analysis' ? nlAnalysis.card.fileDeclined : nlCommands.export.declined;
  await sendNotice(await turnRequest(services, context), text);
}
