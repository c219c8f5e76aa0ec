import type { Attachment, FileConsentCardResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { canExport } from '../../src/app/access';
import { buildExport, recordExport, type ExportOutcome } from '../../src/app/export';
import { nlCommands } from '../../src/i18n/nl-commands';
import type { TurnRequest } from '../handlers';
import type { BotServices } from '../services';
import { queryDeps, sendNotice } from './list-reply';

/**
 * Sending a file to a user, the Teams way for bots (personal chat only):
 * 1. the bot sends a FileConsentCard (name, size, description, accept/decline context);
 * 2. on "Toestaan" Teams creates the file in the user's OneDrive and sends a `fileConsent/invoke`
 *    with an upload session URL; the bot PUTs the bytes there;
 * 3. the bot sends a file info card pointing at the uploaded file.
 * The consent context carries only the year: the file is rebuilt on accept, so nothing is kept
 * between the two turns and any bot instance can answer.
 */
export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';
export const XLSX_FILE_TYPE = 'xlsx';

const exportContextSchema = z.object({
  purpose: z.literal('export'),
  year: z.number().int().min(2000).max(2100),
});

const uploadInfoSchema = z.object({
  name: z.string().min(1).max(255),
  uploadUrl: z.url(),
  contentUrl: z.url(),
  uniqueId: z.string().min(1).max(200),
  fileType: z.string().max(20).optional(),
});

export function exportConsentAttachment(file: Extract<ExportOutcome, { kind: 'file' }>, year: number): Attachment {
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

/** The upload goes to Microsoft's HTTPS upload session; plain HTTP only to this machine (tests). */
function isAllowedUploadUrl(value: string): boolean {
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

async function turnRequest(services: BotServices, context: TurnContext): Promise<TurnRequest> {
  const aadObjectId = context.activity.from?.aadObjectId;
  const person = aadObjectId ? await services.directory.findPerson(aadObjectId) : undefined;
  const logger = services.logger.child({
    activityId: context.activity.id,
    conversationId: context.activity.conversation?.id,
    activityType: context.activity.type,
  });
  return { context, services, person, logger };
}

/** "Toestaan": rebuild the file, upload it, log the export, show the file card. */
export async function acceptFileConsent(
  services: BotServices,
  context: TurnContext,
  response: FileConsentCardResponse,
): Promise<void> {
  const request = await turnRequest(services, context);
  const parsedContext = exportContextSchema.safeParse(response.context);
  const upload = uploadInfoSchema.safeParse(response.uploadInfo);
  if (!parsedContext.success || !upload.success || !isAllowedUploadUrl(upload.data.uploadUrl)) {
    request.logger.warn('file consent with an unexpected context or upload info');
    await sendNotice(request, nlCommands.export.failed, 'warning');
    return;
  }
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
  const size = file.bytes.length;
  const uploaded = await fetch(upload.data.uploadUrl, {
    method: 'PUT',
    headers: { 'Content-Range': `bytes 0-${size - 1}/${size}` },
    body: file.bytes,
  }).catch((error: unknown) => {
    request.logger.warn({ err: error }, 'export upload failed');
    return undefined;
  });
  if (!uploaded || !uploaded.ok) {
    request.logger.warn({ status: uploaded?.status }, 'export upload refused');
    await sendNotice(request, nlCommands.export.failed, 'warning');
    return;
  }
  await recordExport(queryDeps(request), person, file.signals);
  request.logger.info({ year: parsedContext.data.year, count: file.count }, 'export uploaded');
  await context.sendActivity({
    text: nlCommands.export.sent(upload.data.name),
    attachments: [
      {
        contentType: FILE_INFO_CONTENT_TYPE,
        contentUrl: upload.data.contentUrl,
        name: upload.data.name,
        content: { uniqueId: upload.data.uniqueId, fileType: upload.data.fileType ?? XLSX_FILE_TYPE },
      },
    ],
  });
}

/** "Weigeren": nothing is uploaded. */
export async function declineFileConsent(
  services: BotServices,
  context: TurnContext,
  _response: FileConsentCardResponse,
): Promise<void> {
  await sendNotice(await turnRequest(services, context), nlCommands.export.declined);
}
