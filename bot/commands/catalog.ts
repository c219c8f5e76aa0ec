import { closest, distance } from 'fastest-levenshtein';
import { nl } from '../../src/i18n/nl';
import type { CommandHandler } from '../handlers';
import { helpCommand } from './help';
import { newSignalCommand } from './new-signal';

export type CommandId = keyof typeof nl.commands;

/** Every command the bot answers, in the order help lists them. */
export const COMMANDS: readonly CommandHandler[] = [helpCommand, newSignalCommand];

export interface CatalogEntry {
  id: string;
  name: string;
  aliases: readonly string[];
  help: string;
}

export function commandCatalog(): CatalogEntry[] {
  return COMMANDS.map((handler) => {
    const texts = nl.commands[handler.id as CommandId];
    return { id: handler.id, name: texts.name, aliases: texts.aliases, help: texts.help };
  });
}

export interface ParsedCommand {
  handler: CommandHandler;
  args: string;
}

/** Matches the longest trigger first, so two-word commands ("te laat") win over one word. */
export function parseCommand(text: string): ParsedCommand | undefined {
  const normalised = text.trim().replace(/\s+/g, ' ');
  const lower = normalised.toLowerCase();
  const triggers = COMMANDS.flatMap((handler) => {
    const entry = nl.commands[handler.id as CommandId];
    return [entry.name, ...entry.aliases].map((trigger) => ({ trigger: trigger.toLowerCase(), handler }));
  }).sort((a, b) => b.trigger.length - a.trigger.length);
  for (const { trigger, handler } of triggers) {
    if (lower === trigger || lower.startsWith(`${trigger} `)) {
      return { handler, args: normalised.slice(trigger.length).trim() };
    }
  }
  return undefined;
}

/** The closest command name to what was typed, if it is close enough to be a typo. */
export function suggestCommand(text: string): string | undefined {
  const word = text.trim().toLowerCase().split(/\s+/)[0] ?? '';
  if (!word) return undefined;
  const names = commandCatalog().flatMap((entry) => [entry.name, ...entry.aliases]);
  const best = closest(word, names);
  return distance(word, best) <= Math.max(1, Math.floor(best.length / 3)) + 1 ? best : undefined;
}
