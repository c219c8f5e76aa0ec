/**
 * Teams activity feed: POST /users/{id}/teamwork/sendActivityNotification, with the
 * resource-specific TeamsActivity.Send.User the app is granted where a person installed it. Each
 * notice names one of the activity types the manifest declares and fills exactly its template
 * parameters (src/app/activity-types.ts).
 *
 * Idempotency: Graph has no key, but a notification with the same `chainId` replaces the earlier
 * one instead of adding a second. The chainId is derived from the idempotency key, so a re-send
 * shows up once in the feed.
 */
import { createHash } from 'node:crypto';
import type { ActivityNotice, Notifier } from '../../app/outbound-ports';
import { callGraph, userSegment, type GraphConnection } from './graph-client';

/** Teams shows the first 150 characters of previewText. */
const PREVIEW_MAX = 150;

export interface GraphNotifierOptions {
  /** Needed only when more than one installed app shares the Entra app id. */
  teamsAppId?: string;
}

/** A positive Int64 (kept within JS safe integers) derived from the key. */
export function chainIdFor(idempotencyKey: string): number {
  const hash = createHash('sha256').update(idempotencyKey).digest();
  return Number(hash.readBigUInt64BE(0) % BigInt(Number.MAX_SAFE_INTEGER)) + 1;
}

export class GraphNotifier implements Notifier {
  constructor(
    private readonly connection: GraphConnection,
    private readonly options: GraphNotifierOptions,
  ) {}

  async notify(userId: string, notice: ActivityNotice): Promise<void> {
    const preview =
      notice.previewText.length > PREVIEW_MAX ? `${notice.previewText.slice(0, PREVIEW_MAX - 1)}…` : notice.previewText;
    const body = {
      topic: { source: 'text', value: notice.title, webUrl: notice.webUrl },
      activityType: notice.activity.type,
      chainId: chainIdFor(notice.idempotencyKey),
      previewText: { content: preview },
      templateParameters: Object.entries(notice.activity.parameters).map(([name, value]) => ({
        name,
        value: String(value),
      })),
      ...(this.options.teamsAppId ? { teamsAppId: this.options.teamsAppId } : {}),
    };
    await callGraph(
      this.connection,
      'notify',
      (signal) =>
        this.connection.client
          .api(`/users/${userSegment(userId)}/teamwork/sendActivityNotification`)
          .option('signal', signal)
          .post(body) as Promise<unknown>,
    );
  }
}
