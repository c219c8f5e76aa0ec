import { distance } from 'fastest-levenshtein';
import { z } from 'zod';
import commandsFile from '../../manifest/commands.json';
import { nlCommands } from '../../src/i18n/nl-commands';
import { canExport } from '../../src/app/access';
import { mayViewAnalysis } from '../../src/domain/analysis-workflow';
import type { Person } from '../../src/domain/organisation';
import type { CommandHandler } from '../handlers';
import { analysisCommand } from './analysis';
import { deadlinesCommand } from './deadlines';
import { exportCommand } from './export';
import { helpCommand } from './help';
import { mineCommand } from './mine';
import { newSignalCommand } from './new-signal';
import { openCommand } from './open';
import { overdueCommand } from './overdue';
import { roleCommand } from './role';
import { searchCommand } from './search';
import { statusCommand } from './status';
import { summaryCommand } from './summary';

/**
 * manifest/commands.json is the one source of the command names (Dutch), English aliases and
 * one-line help: the manifest's command lists are generated from it and the bot parses with it.
 */
const commandSpecSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  alias: z.string().min(1),
  help: z.string().min(1),
});
export type CommandSpec = z.infer<typeof commandSpecSchema>;

/** Parsed once at load; a broken commands.json stops the start with zod's message. */
export const COMMAND_SPECS: readonly CommandSpec[] = z
  .object({ commands: z.array(commandSpecSchema).min(1) })
  .parse(commandsFile).commands;

/** Every handler of a command in commands.json. A function, so import cycles (help) resolve first. */
export function commandHandlers(): readonly CommandHandler[] {
  return [
    helpCommand,
    newSignalCommand,
    mineCommand,
    statusCommand,
    openCommand,
    deadlinesCommand,
    overdueCommand,
    searchCommand,
    summaryCommand,
    exportCommand,
    analysisCommand,
  ];
}

/** Commands outside the manifest: the demo-only role switch. */
export function demoCommandHandlers(): readonly CommandHandler[] {
  return [roleCommand];
}

/**
 * Commands that belong to a role: help offers them only to those who may use them (the command
 * itself checks again). The others are for everyone who is known to Klantsignaal.
 */
const COMMAND_ROLES: Readonly<Record<string, (person: Person) => boolean>> = {
  export: canExport,
  analysis: (person) => mayViewAnalysis(person.roles),
};

/** Whether help should offer this command to the person (undefined: not known to Klantsignaal). */
export function mayUseCommand(id: string, person: Person | undefined): boolean {
  const rule = COMMAND_ROLES[id];
  return rule ? person !== undefined && rule(person) : true;
}

export interface CatalogEntry {
  id: string;
  name: string;
  aliases: readonly string[];
  help: string;
}

function entryFor(handler: CommandHandler): CatalogEntry | undefined {
  if (handler.id === roleCommand.id) {
    const { name, alias, help } = nlCommands.demo.command;
    return { id: handler.id, name, aliases: [alias], help };
  }
  const spec = COMMAND_SPECS.find((candidate) => candidate.id === handler.id);
  if (!spec) return undefined;
  const synonyms = nlCommands.synonyms[spec.id] ?? [];
  const aliases = [spec.alias, ...synonyms].filter((alias) => alias.toLowerCase() !== spec.name.toLowerCase());
  return { id: spec.id, name: spec.name, aliases, help: spec.help };
}

/** The commands in commands.json order (the order help lists them), plus the demo ones when asked. */
export function commandCatalog(options: { demo?: boolean; person?: Person; byRole?: boolean } = {}): CatalogEntry[] {
  const handlers = [...commandHandlers(), ...(options.demo ? demoCommandHandlers() : [])];
  const entries = handlers
    .map(entryFor)
    .filter((entry): entry is CatalogEntry => entry !== undefined)
    .filter((entry) => !options.byRole || mayUseCommand(entry.id, options.person));
  const order = (id: string) => {
    const index = COMMAND_SPECS.findIndex((spec) => spec.id === id);
    return index === -1 ? COMMAND_SPECS.length : index;
  };
  return entries.sort((a, b) => order(a.id) - order(b.id));
}

export interface ParsedCommand {
  handler: CommandHandler;
  args: string;
}

/** Matches the longest trigger first, so two-word commands ("te laat") win over one word. */
export function parseCommand(text: string): ParsedCommand | undefined {
  const normalised = text.trim().replace(/\s+/g, ' ');
  const lower = normalised.toLowerCase();
  const handlers = [...commandHandlers(), ...demoCommandHandlers()];
  const triggers = handlers
    .flatMap((handler) => {
      const entry = entryFor(handler);
      return entry
        ? [entry.name, ...entry.aliases].map((trigger) => ({ trigger: trigger.toLowerCase(), handler }))
        : [];
    })
    .sort((a, b) => b.trigger.length - a.trigger.length);
  for (const { trigger, handler } of triggers) {
    if (lower === trigger || lower.startsWith(`${trigger} `)) {
      return { handler, args: normalised.slice(trigger.length).trim() };
    }
  }
  return undefined;
}

/** Words that say someone wants to register something: a sentence with one of them suggests `nieuw`. */
const REGISTER_WORDS = /\b(klacht(en)?|melding(en)?|signa(a|le)l|zorgen?|registreren)\b/i;

/** A sentence about a klacht, melding or signaal rather than a command: the answer points to `nieuw`. */
export function mentionsRegistering(text: string): boolean {
  return REGISTER_WORDS.test(text);
}

/** The closest command name (or alias) to what was typed, if it is close enough to be a typo. */
export function suggestCommand(text: string): string | undefined {
  const words = text.trim().toLowerCase().split(/\s+/);
  if (!words[0]) return undefined;
  let best: { trigger: string; distance: number } | undefined;
  for (const entry of commandCatalog()) {
    for (const trigger of [entry.name, ...entry.aliases]) {
      if (trigger.length < 2) continue;
      // A two-word name ("te laat") is compared with the first two words typed.
      const typed = words.slice(0, trigger.split(' ').length).join(' ');
      const d = distance(typed, trigger.toLowerCase());
      if (!best || d < best.distance) best = { trigger, distance: d };
    }
  }
  if (!best) return undefined;
  return best.distance <= Math.max(1, Math.floor(best.trigger.length / 3)) + 1 ? best.trigger : undefined;
}
