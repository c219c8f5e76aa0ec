/**
 * Keeps the conversation references the bot needs to message people proactively: the user's
 * personal chat (keyed by Entra object id) and, when the bot is installed in a team, the team's
 * channel (keyed by team id). Call on every turn: the store only writes when something changed.
 */
import { TurnContext, type ConversationReference } from 'botbuilder';
import {
  personKey,
  teamKey,
  type ConversationKey,
  type ConversationReferenceStore,
  type JsonObject,
} from '../src/app/reminder-ports';

export interface RememberOptions {
  now?: () => Date;
  /** This instance's memory of what it saved lately, so unchanged references cost no store call. */
  recent?: RecentConversations;
}

/**
 * What this bot instance saved lately, per key. A turn whose reference is unchanged skips the store
 * (one Cosmos read per turn saved). Entries expire, so a person marked unreachable by a failed send
 * is restored by the store on a contact some minutes later at the latest.
 */
export class RecentConversations {
  private readonly saved = new Map<string, { json: string; at: number }>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  isFresh(key: string, json: string, now: number): boolean {
    const entry = this.saved.get(key);
    return entry !== undefined && entry.json === json && now - entry.at < this.ttlMs;
  }

  remember(key: string, json: string, now: number): void {
    if (this.saved.size >= this.maxEntries) this.saved.clear();
    this.saved.set(key, { json, at: now });
  }
}

interface TeamsChannelData {
  team?: { id?: string };
}

/** Saves the turn's personal-chat (and team) reference. Errors propagate: the caller decides whether to log them. */
export async function rememberConversation(
  context: TurnContext,
  store: ConversationReferenceStore,
  options: RememberOptions = {},
): Promise<void> {
  const entries = conversationsOf(context);
  const at = (options.now ?? (() => new Date()))();
  for (const [key, reference] of entries) {
    const json = JSON.stringify(reference);
    if (options.recent?.isFresh(key, json, at.getTime())) continue;
    await store.saveReference(key, reference, at);
    options.recent?.remember(key, json, at.getTime());
  }
}

/** The references this turn proves, by key (exported for tests). */
export function conversationsOf(context: TurnContext): [ConversationKey, JsonObject][] {
  const activity = context.activity;
  if (!activity?.conversation?.id || !activity.serviceUrl) return [];
  const reference = TurnContext.getConversationReference(activity);
  const entries: [ConversationKey, JsonObject][] = [];
  const type = activity.conversation.conversationType;
  const personal = type === 'personal' || (type === undefined && !activity.conversation.isGroup);
  const aadObjectId = activity.from?.aadObjectId;
  if (personal && aadObjectId) entries.push([personKey(aadObjectId), toJson(reference)]);

  const teamId = (activity.channelData as TeamsChannelData | undefined)?.team?.id;
  if (teamId && type === 'channel') {
    // A channel message's conversation id carries the thread (";messageid=..."): keep the channel itself.
    const channelId = activity.conversation.id.split(';')[0] ?? activity.conversation.id;
    const channel = toJson(reference);
    channel.conversation = { ...(channel.conversation as JsonObject), id: channelId };
    entries.push([teamKey(teamId), channel]);
  }
  return entries;
}

/** Plain JSON without the activity id: a proactive message starts a new post, not a reply. */
function toJson(reference: Partial<ConversationReference>): JsonObject {
  const { activityId: _activityId, ...rest } = reference;
  return JSON.parse(JSON.stringify(rest)) as JsonObject;
}
