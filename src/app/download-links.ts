/**
 * Short-lived, single-use download links for the clients where Teams' file consent does not exist
 * (the Agents Playground, the embedded default): the bot keeps the file in memory and serves it
 * once, to the person it was made for, within a few minutes (docs/adr).
 *
 * - The token is 32 random bytes (base64url): unguessable, and the only key to the file.
 * - The link is bound to the person who asked: a request that names another person is refused and
 *   does not use the link up, so the right person can still fetch it.
 * - Used once, or expired, the file is gone: it is dropped on the first download and on expiry.
 * - Files stay in this process only (never on disk); with several bot instances a link works only
 *   on the instance that made it, which is why Teams keeps its file consent.
 */
import { randomBytes } from 'node:crypto';
import type { AccessLog } from './access';

export interface DownloadFile {
  fileName: string;
  contentType: string;
  content: Buffer;
  /** The record the file was made from, for the access log (e.g. "analysis-2026", "export-2026"). */
  source: string;
  /** Called once the file has been handed over (e.g. the export's per-signal access entries). */
  delivered?: () => Promise<void>;
}

export type DownloadRefusal = 'unknown' | 'expired' | 'used' | 'wrongPerson';

export type Redeemed = { ok: true; file: DownloadFile } | { ok: false; reason: DownloadRefusal };

interface Entry {
  personId: string;
  file?: DownloadFile;
  expiresAt: number;
  usedAt?: number;
}

export const DEFAULT_DOWNLOAD_TTL_MS = 10 * 60_000;
/** Tokens remembered after use or expiry, to say "already used" rather than "unknown". */
const REMEMBER_MS = 24 * 60 * 60_000;
const MAX_ENTRIES = 200;

export class DownloadLinks {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: { now(): Date },
    private readonly ttlMs = DEFAULT_DOWNLOAD_TTL_MS,
  ) {}

  /** A token for `file`, for `personId` only. */
  create(personId: string, file: DownloadFile): string {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    this.entries.set(token, { personId, file, expiresAt: this.clock.now().getTime() + this.ttlMs });
    return token;
  }

  /** Hands the file out once, to its person, before it expires. */
  redeem(token: string, personId: string): Redeemed {
    const entry = this.entries.get(token);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (entry.usedAt !== undefined) return { ok: false, reason: 'used' };
    if (this.clock.now().getTime() > entry.expiresAt) {
      delete entry.file;
      return { ok: false, reason: 'expired' };
    }
    if (entry.personId !== personId) return { ok: false, reason: 'wrongPerson' };
    const file = entry.file!;
    delete entry.file;
    entry.usedAt = this.clock.now().getTime();
    return { ok: true, file };
  }

  /** Drops expired files, forgets old tokens, and keeps the map bounded (oldest first). */
  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [token, entry] of this.entries) {
      if (now > entry.expiresAt) delete entry.file;
      if (now > entry.expiresAt + REMEMBER_MS) this.entries.delete(token);
    }
    while (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

export interface DownloadDeps {
  links: DownloadLinks;
  accessLog?: AccessLog;
  clock: { now(): Date };
  logger: { info(object: object, message: string): void; warn(object: object, message: string): void };
}

/**
 * GET /downloads/<token>?voor=<person id>: the file, or the reason it is refused. A handed-over
 * file is written to the access log (who, which file, when) before its bytes go out.
 */
export async function serveDownload(
  deps: DownloadDeps,
  token: string,
  personId: string,
): Promise<{ ok: true; file: DownloadFile } | { ok: false; reason: DownloadRefusal }> {
  const redeemed = deps.links.redeem(token, personId);
  if (!redeemed.ok) {
    deps.logger.info({ reason: redeemed.reason }, 'download refused');
    return redeemed;
  }
  const { file } = redeemed;
  if (deps.accessLog) {
    await deps.accessLog.record({
      personId,
      signalId: file.source,
      reference: file.fileName,
      action: 'download',
      at: deps.clock.now().toISOString(),
    });
  } else deps.logger.warn({ source: file.source }, 'no access log wired; download not recorded');
  await file.delivered?.();
  deps.logger.info({ source: file.source, bytes: file.content.length }, 'download served');
  return redeemed;
}
