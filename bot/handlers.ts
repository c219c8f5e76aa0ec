import type { AdaptiveCard } from '../cards/render';
import type { Person } from '../src/domain/organisation';
import type { Logger } from '../src/logging';
import type { BotServices } from './services';
import type { Turn } from './turn';

/** Everything a handler needs for one turn. */
export interface TurnRequest {
  context: Turn;
  services: BotServices;
  /** The person behind the activity, when the directory knows them. */
  person: Person | undefined;
  /** Carries the activity id and conversation id on every line. */
  logger: Logger;
}

/** A typed command: one handler per command, declaring its trigger words. */
export interface CommandHandler {
  /** Key into the texts' command catalog (name, aliases, one-line help). */
  id: string;
  /** Whether the person must be known to the directory. */
  needsPerson: boolean;
  run(request: TurnRequest, args: string): Promise<void>;
}

/**
 * A text instead of a card: Teams shows it and leaves the card as it was, inputs and all. For
 * answers that must not replace what the person typed, or not show it to everyone in the chat.
 */
export interface VerbMessage {
  type: 'message';
  text: string;
}

/**
 * A card action (Action.Execute verb): one handler per verb; answers with the card that replaces
 * the clicked one, or with a VerbMessage that leaves it as it was.
 */
export interface VerbHandler {
  verb: string;
  needsPerson: boolean;
  run(request: TurnRequest, data: Record<string, unknown>): Promise<AdaptiveCard | VerbMessage>;
}
