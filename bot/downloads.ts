/**
 * Files where Teams' file consent is missing. Teams uploads a bot's file to the user's OneDrive
 * after a FileConsentCard; the Agents Playground (which talks to a bot on this machine: its
 * serviceUrl is a loopback address) and other channels cannot. There the bot offers single-use
 * download links it serves itself (src/app/download-links.ts), bound to the person who asked.
 */
import { downloadsCard } from '../cards/downloads';
import type { DownloadFile } from '../src/app/download-links';
import { nlDownloads } from '../src/i18n/nl-downloads';
import { cardMessage } from './attachments';
import type { TurnRequest } from './handlers';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(serviceUrl: string | undefined): boolean {
  if (!serviceUrl) return true;
  try {
    return LOOPBACK_HOSTS.has(new URL(serviceUrl).hostname);
  } catch {
    return true;
  }
}

/** Whether this turn's client can take a FileConsentCard: Teams itself, not the Playground. */
export function fileConsentAvailable(request: TurnRequest): boolean {
  if (!request.services.downloads) return true;
  const activity = request.context.activity;
  return activity.channelId === 'msteams' && !isLoopback(activity.serviceUrl);
}

/** One card with a download button per file, each link for the person of this turn only. */
export async function offerDownloads(request: TurnRequest, files: readonly DownloadFile[]): Promise<void> {
  const downloads = request.services.downloads!;
  const personId = request.person!.id;
  const card = downloadsCard({
    title: nlDownloads.title,
    text: nlDownloads.intro(downloads.ttlMinutes),
    files: files.map((file) => ({
      title: nlDownloads.button(file.fileName),
      url: downloads.url(downloads.links.create(personId, file), personId),
    })),
  });
  await request.context.sendActivity(cardMessage(card));
}
