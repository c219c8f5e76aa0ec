/**
 * Drives the real bot (botbuilder's TestAdapter, through BotDriver) in a given kind of Teams
 * conversation: the personal chat with the bot, a group chat or a team channel.
 */
import type { Activity, ConversationAccount } from 'botbuilder';
import { BotDriver, cardOf, cardText } from '../support/test-adapter';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export const CONVERSATIONS: Record<ConversationKind, ConversationAccount> = {
  personal: { id: 'a:personal-chat', conversationType: 'personal', isGroup: false, name: '' },
  groupChat: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true, name: 'Team Zonnebloem' },
  channel: {
    id: '19:channel@thread.tacv2;messageid=1',
    conversationType: 'channel',
    isGroup: true,
    name: 'Algemeen',
  },
};

let sequence = 0;
const nextId = (): string => `privacy-activity-${++sequence}`;

function from(person: { id: string; name: string }) {
  return { id: `29:${person.id}`, name: person.name, aadObjectId: person.id };
}

/** Sends a message in the conversation and returns all text of the bot's replies (cards and plain text). */
export async function sayIn(
  driver: BotDriver,
  conversation: ConversationAccount,
  person: { id: string; name: string },
  text: string,
): Promise<string> {
  driver.adapter.activeQueue.splice(0);
  await driver.adapter.receiveActivity({ type: 'message', text, from: from(person), id: nextId(), conversation });
  const replies: Partial<Activity>[] = driver.adapter.activeQueue.splice(0);
  if (replies.length === 0) throw new Error(`no reply to "${text}"`);
  return replies.map((reply) => (reply.attachments?.length ? cardText(cardOf(reply)) : (reply.text ?? ''))).join('\n');
}

/**
 * An Action.Execute in the conversation; returns all text of the card that replaces the clicked
 * one, or the text of a message response (then `message` is set and the clicked card stays).
 */
export async function executeIn(
  driver: BotDriver,
  conversation: ConversationAccount,
  person: { id: string; name: string },
  verb: string,
  data: Record<string, unknown>,
): Promise<{ text: string; card: Record<string, unknown>; message?: string }> {
  driver.adapter.activeQueue.splice(0);
  await driver.adapter.receiveActivity({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: nextId(),
    from: from(person),
    conversation,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
  const response = driver.adapter.activeQueue.splice(0).find((activity) => activity.type === 'invokeResponse');
  const value = response?.value as { status: number; body: { value: unknown } } | undefined;
  if (!value) throw new Error(`no invoke response for ${verb}`);
  if (value.status === 200 && typeof value.body.value === 'string') {
    return { text: value.body.value, card: {}, message: value.body.value };
  }
  if (value.status !== 200 || typeof value.body.value !== 'object' || value.body.value === null) {
    throw new Error(`${verb} answered ${value.status} without a card`);
  }
  const card = value.body.value as Record<string, unknown>;
  return { text: cardText(card), card };
}

/** The verbs of every Action.Execute on a card. */
export function verbsOn(card: unknown): string[] {
  const verbs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && typeof record.verb === 'string') verbs.push(record.verb);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return verbs;
}
