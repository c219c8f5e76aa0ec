import { z } from 'zod';
import { listQuerySchema, type ListQuery } from '../../src/app/queries';
import type { Location } from '../../src/domain/organisation';
import { SIGNAL_KINDS, STEPS, type SignalKind, type Step } from '../../src/domain/signal';
import { literal } from '../../src/i18n/format';
import { nlCommands } from '../../src/i18n/nl-commands';
import type { CommandHandler } from '../handlers';
import { sendList, sendNotice } from './list-reply';

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9' -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type OpenArgs = { ok: true; query: Extract<ListQuery, { kind: 'open' }> } | { ok: false; word?: string };

const argsTextSchema = z.string().max(200);

/**
 * Reads `open [locatie] [soort] [stap]` in any order: step words ("stap 2", "organisatie") and kind
 * words ("klacht", "vragen") are taken out first; what is left must name one location (its id or
 * words of its name, e.g. "zonnebloem").
 */
export function parseOpenArgs(args: string, locations: readonly Location[]): OpenArgs {
  const raw = argsTextSchema.safeParse(args);
  if (!raw.success) return { ok: false };
  let rest = ` ${fold(raw.data)} `;
  let step: Step | undefined;
  let kind: SignalKind | undefined;
  const take = (word: string): boolean => {
    const needle = ` ${fold(word)} `;
    if (!rest.includes(needle)) return false;
    rest = rest.replace(needle, ' ');
    return true;
  };
  // Longest words first, so "stap 2" is taken before a location could swallow "2".
  const stepWords = STEPS.flatMap((s) => nlCommands.stepWords[s].map((word) => ({ word, step: s }))).sort(
    (a, b) => b.word.length - a.word.length,
  );
  for (const { word, step: candidate } of stepWords) {
    if (!step && take(word)) step = candidate;
  }
  for (const candidate of SIGNAL_KINDS) {
    for (const word of nlCommands.kindWords[candidate]) if (!kind && take(word)) kind = candidate;
  }
  const remaining = rest.trim();
  let locationId: string | undefined;
  if (remaining) {
    const words = remaining.split(' ');
    const matches = locations.filter((location) => {
      const haystack = ` ${fold(location.id)} ${fold(location.name)} `;
      return words.every((word) => haystack.includes(word));
    });
    if (matches.length !== 1) return { ok: false, word: remaining };
    locationId = matches[0]?.id;
  }
  const query = listQuerySchema.safeParse({
    kind: 'open',
    ...(locationId ? { locationId } : {}),
    ...(kind ? { signalKind: kind } : {}),
    ...(step ? { step } : {}),
  });
  return query.success && query.data.kind === 'open' ? { ok: true, query: query.data } : { ok: false };
}

/** `open [locatie] [soort] [stap]`: open signals the person may see, most urgent first. */
export const openCommand: CommandHandler = {
  id: 'open',
  needsPerson: true,
  async run(request, args) {
    const parsed = parseOpenArgs(args, request.services.directory.organisation().locations);
    if (!parsed.ok) {
      await sendNotice(
        request,
        parsed.word ? nlCommands.usage.openUnknown(literal(parsed.word)) : nlCommands.usage.open,
        'warning',
      );
      return;
    }
    await sendList(request, request.person!, parsed.query);
  },
};
