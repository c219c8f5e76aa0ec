import { TestAdapter, type Activity, type ChannelAccount } from 'botbuilder';
import { KlantsignaalBot } from '../../bot/klantsignaal-bot';
import type { BotServices } from '../../bot/services';

export interface InvokeResult {
  status: number;
  card: Record<string, unknown>;
  /** A message response instead of a card: Teams shows this text and leaves the card as it was. */
  message?: string;
}

/** Drives the real bot through botbuilder's TestAdapter, as a given person. */
export class BotDriver {
  readonly adapter: TestAdapter;
  private sequence = 0;

  constructor(readonly services: BotServices) {
    const bot = new KlantsignaalBot(services);
    this.adapter = new TestAdapter(async (context) => bot.run(context));
    this.adapter.template.channelId = 'msteams';
  }

  private from(person: { id: string; name: string }): ChannelAccount {
    return { id: `29:${person.id}`, name: person.name, aadObjectId: person.id };
  }

  /** Sends a message and returns every activity the bot sent in reply. */
  async say(person: { id: string; name: string }, text: string): Promise<Partial<Activity>[]> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.receiveActivity({ type: 'message', text, from: this.from(person), id: this.nextId() });
    return this.adapter.activeQueue.splice(0);
  }

  /** Sends an Action.Execute invoke and returns the card that replaces the one clicked. */
  async execute(
    person: { id: string; name: string },
    verb: string,
    data: Record<string, unknown>,
    activityId = this.nextId(),
  ): Promise<InvokeResult> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.receiveActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: activityId,
      from: this.from(person),
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    const sent = this.adapter.activeQueue.splice(0);
    const response = sent.find((activity) => activity.type === 'invokeResponse');
    const value = response?.value as
      { status: number; body: { type?: string; value: Record<string, unknown> | string } } | undefined;
    if (!value) throw new Error(`no invoke response for ${verb}`);
    if (typeof value.body.value === 'string') return { status: value.status, card: {}, message: value.body.value };
    return { status: value.status, card: value.body.value };
  }

  private nextId(): string {
    this.sequence += 1;
    return `activity-${this.sequence}`;
  }
}

/** The Adaptive Card of an activity's first attachment. */
export function cardOf(activity: Partial<Activity> | undefined): Record<string, unknown> {
  const content = activity?.attachments?.[0]?.content as Record<string, unknown> | undefined;
  if (!content) throw new Error('activity has no card');
  return content;
}

/** All text on a card, for assertions that do not depend on layout. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && ['text', 'title', 'value', 'label'].includes(key)) texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return texts.join('\n');
}

/** The first node of a card (depth first) that matches, or undefined. */
function findNode(
  card: unknown,
  matches: (node: Record<string, unknown>) => boolean,
): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (matches(record)) found = record;
      else Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Finds an input on a card by id. */
export function findInput(card: unknown, id: string): Record<string, unknown> | undefined {
  return findNode(card, (node) => node.id === id && typeof node.type === 'string' && node.type.startsWith('Input.'));
}

/** The data of the first Action.Execute with this verb on a card. */
export function actionData(card: unknown, verb: string): Record<string, unknown> | undefined {
  return findNode(card, (node) => node.type === 'Action.Execute' && node.verb === verb)?.data as
    Record<string, unknown> | undefined;
}

/** The data of the move button for `move` on a signal card. */
export function buttonData(card: unknown, move: string): Record<string, unknown> | undefined {
  const isMove = (node: Record<string, unknown>) =>
    node.verb === 'signal.form' && (node.data as Record<string, unknown> | undefined)?.move === move;
  return findNode(card, isMove)?.data as Record<string, unknown> | undefined;
}

/** The moves of the card's primary (positive) buttons: the next step(s). */
export function primaryMoves(card: unknown): string[] {
  const actions = ((card as { actions?: Record<string, unknown>[] }).actions ?? []).filter(
    (action) => action.verb === 'signal.form' && action.mode !== 'secondary',
  );
  return actions.map((action) => String((action.data as Record<string, unknown>).move));
}

export function moveButtons(card: unknown): string[] {
  const moves: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.verb === 'signal.form') moves.push(String((record.data as Record<string, unknown>).move));
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return moves;
}
