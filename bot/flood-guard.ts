import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { nlSecurity } from '../src/i18n/nl-security';
import type { Logger } from '../src/logging';
import { MESSAGE_RESPONSE_TYPE } from './attachments';

/**
 * Per-user token buckets: `burst` turns at once, refilled at `refillPerSecond`. Plain state owned by
 * one instance (no module state), bounded in size so a stream of made-up user ids cannot grow it.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number; limited: boolean }>();

  constructor(
    private readonly burst: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly maxTracked = 10_000,
  ) {
    if (!(burst >= 1) || !(refillPerSecond > 0)) throw new RangeError('burst must be >= 1 and refill > 0');
  }

  /**
   * Takes one token for `key`. `allowed` false means over the limit; `first` is true for the first
   * refusal of an episode (the one that gets the polite answer), false for the ones after it. An
   * episode lasts until the bucket is full again, so a steady flood gets one answer, not one per refill.
   */
  take(key: string): { allowed: true } | { allowed: false; first: boolean } {
    const at = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: at, limited: false };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((at - bucket.updatedAt) / 1000) * this.refillPerSecond);
    bucket.updatedAt = at;
    // A full bucket means the sender has been calm for a while: the next flood is a new episode.
    if (bucket.tokens >= this.burst) bucket.limited = false;
    // Re-insert so the map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxTracked) this.evict(at);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const first = !bucket.limited;
    bucket.limited = true;
    return { allowed: false, first };
  }

  get size(): number {
    return this.buckets.size;
  }

  private evict(at: number): void {
    // Buckets that have refilled completely carry no information: drop those first, then the oldest.
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((at - bucket.updatedAt) / 1000) * this.refillPerSecond >= this.burst)
        this.buckets.delete(key);
    }
    // Then down to 90 %, so a stream of new ids costs one sweep per many requests, not one each.
    const target = Math.floor(this.maxTracked * 0.9);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= target) break;
      this.buckets.delete(key);
    }
  }
}

export interface FloodGuardOptions {
  burst: number;
  refillPerSecond: number;
  /**
   * Automatic card refreshes (Teams asks for the current card of every signal card a person scrolls
   * past: an adaptiveCard/action with trigger "automatic" and one of these verbs) take from their own,
   * larger bucket, so looking at a busy chat never uses up a person's clicks.
   */
  refresh?: { burst: number; refillPerSecond: number; verbs: readonly string[] };
  now?: () => number;
  maxTracked?: number;
  logger?: Logger;
}

const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';

/** Who is sending: the Entra object id when Teams gives one, else the channel's user id. */
export function senderKey(context: TurnContext): string {
  const { from, conversation } = context.activity;
  return from?.aadObjectId ?? from?.id ?? `conversation:${conversation?.id ?? 'unknown'}`;
}

/**
 * Slows down one person flooding the bot without touching anyone else. Over the limit, a message gets
 * one polite Dutch answer and is then dropped silently until the bucket refills; a card action is
 * answered at once with a Dutch message, without running it. Other activity types pass.
 */
export class FloodGuard implements Middleware {
  private readonly buckets: TokenBuckets;
  private readonly refreshBuckets: TokenBuckets | undefined;
  private readonly refreshVerbs: ReadonlySet<string>;

  constructor(private readonly options: FloodGuardOptions) {
    this.buckets = new TokenBuckets(options.burst, options.refillPerSecond, options.now, options.maxTracked);
    const refresh = options.refresh;
    this.refreshBuckets = refresh
      ? new TokenBuckets(refresh.burst, refresh.refillPerSecond, options.now, options.maxTracked)
      : undefined;
    this.refreshVerbs = new Set(refresh?.verbs ?? []);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const type = context.activity.type;
    if (type !== ActivityTypes.Message && type !== ActivityTypes.Invoke) return next();
    if (this.refreshBuckets && this.isAutomaticRefresh(context)) {
      if (this.refreshBuckets.take(senderKey(context)).allowed) return next();
      // Nobody clicked: no message. Teams keeps the card it shows and asks again later.
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 429 } });
      return;
    }
    const decision = this.buckets.take(senderKey(context));
    if (decision.allowed) return next();

    if (decision.first) {
      // Ids only, once per episode: the flood must not flood the logs either.
      this.options.logger?.warn(
        { activityType: type, conversationId: context.activity.conversation?.id },
        'flood guard: slowing a sender down',
      );
    }
    if (type === ActivityTypes.Invoke) {
      // Every invoke needs an answer, or Teams shows an error after its timeout.
      const body =
        context.activity.name === ADAPTIVE_CARD_ACTION
          ? { statusCode: 200, type: MESSAGE_RESPONSE_TYPE, value: nlSecurity.flood.cardSlowDown }
          : undefined;
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: body ? { status: 200, body } : { status: 429 },
      });
      return;
    }
    if (decision.first) await context.sendActivity(nlSecurity.flood.slowDown);
  }

  private isAutomaticRefresh(context: TurnContext): boolean {
    const { name, value } = context.activity;
    if (name !== ADAPTIVE_CARD_ACTION || typeof value !== 'object' || value === null) return false;
    const { trigger, action } = value as { trigger?: unknown; action?: { verb?: unknown } };
    return trigger === 'automatic' && typeof action?.verb === 'string' && this.refreshVerbs.has(action.verb);
  }
}
