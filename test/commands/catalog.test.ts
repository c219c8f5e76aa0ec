import commandsFile from '../../manifest/commands.json';
import {
  COMMAND_SPECS,
  commandCatalog,
  commandHandlers,
  parseCommand,
  suggestCommand,
} from '../../bot/commands/catalog';
import { parseOpenArgs } from '../../bot/commands/open';
import { parsePeriod } from '../../bot/commands/summary';
import { deadlineDaysSchema } from '../../bot/commands/deadlines';
import { loadOrganisation } from '../../src/adapters/config/organisation-file';
import { SAMPLE_ORGANISATION } from '../support/services';

describe('commands.json is the single source of commands', () => {
  it('has exactly one handler per command and no handler without a command', () => {
    const ids = commandsFile.commands.map((command) => command.id);
    const handlerIds = commandHandlers().map((handler) => handler.id);
    expect([...handlerIds].sort()).toEqual([...ids].sort());
    expect(new Set(handlerIds).size).toBe(handlerIds.length);
    for (const id of ids) expect(handlerIds.filter((handlerId) => handlerId === id)).toHaveLength(1);
  });

  it('takes names, aliases and help from commands.json, in its order', () => {
    const catalog = commandCatalog();
    expect(catalog.map((entry) => entry.id)).toEqual(COMMAND_SPECS.map((spec) => spec.id));
    for (const spec of commandsFile.commands) {
      const entry = catalog.find((candidate) => candidate.id === spec.id)!;
      expect(entry.name).toBe(spec.name);
      expect(entry.help).toBe(spec.help);
      if (spec.alias !== spec.name) expect(entry.aliases).toContain(spec.alias);
    }
  });

  it('parses every Dutch name and English alias to its own handler', () => {
    for (const spec of commandsFile.commands) {
      expect(parseCommand(spec.name)?.handler.id).toBe(spec.id);
      expect(parseCommand(spec.alias.toUpperCase())?.handler.id).toBe(spec.id);
    }
  });

  it('parses the two-word "te laat" and passes the rest on as arguments', () => {
    expect(parseCommand('te laat')?.handler.id).toBe('overdue');
    expect(parseCommand('  Te   Laat  ')?.handler.id).toBe('overdue');
    expect(parseCommand('overdue')?.handler.id).toBe('overdue');
    expect(parseCommand('status ks-2026-42')).toMatchObject({ args: 'ks-2026-42' });
    expect(parseCommand('deadlines 14')).toMatchObject({ args: '14' });
    expect(parseCommand('search zonnebloem')?.handler.id).toBe('search');
    expect(parseCommand('summary 2026')?.handler.id).toBe('summary');
    expect(parseCommand('mine')?.handler.id).toBe('mine');
    expect(parseCommand('te')).toBeUndefined();
    expect(parseCommand('statusKS')).toBeUndefined();
  });

  it('keeps the extra Dutch words (hulp) and parses the demo switch', () => {
    expect(parseCommand('hulp')?.handler.id).toBe('help');
    expect(parseCommand('rol staf')).toMatchObject({ args: 'staf' });
    expect(parseCommand('rol staf')?.handler.id).toBe('role');
  });

  it('suggests the closest command for a typo', () => {
    expect(suggestCommand('nieuuw')).toBe('nieuw');
    expect(suggestCommand('termijen 3')).toBe('termijnen');
    expect(suggestCommand('te laaat')).toBe('te laat');
    expect(suggestCommand('overzict')).toBe('overzicht');
    expect(suggestCommand('xyzzyqwerty')).toBeUndefined();
  });
});

describe('command arguments', () => {
  const locations = loadOrganisation(SAMPLE_ORGANISATION).locations;

  it('open: location, kind and step in any order, in Dutch', () => {
    expect(parseOpenArgs('', locations)).toEqual({ ok: true, query: { kind: 'open' } });
    expect(parseOpenArgs('zonnebloem klacht stap 2', locations)).toEqual({
      ok: true,
      query: { kind: 'open', locationId: 'zonnebloem', signalKind: 'complaint', step: 'organisation' },
    });
    expect(parseOpenArgs('Vragen BSO de Vlinder', locations)).toEqual({
      ok: true,
      query: { kind: 'open', locationId: 'vlinder', signalKind: 'question' },
    });
    expect(parseOpenArgs("stap 1 't eikeltje", locations)).toMatchObject({
      ok: true,
      query: { locationId: 'eikeltje', step: 'location' },
    });
    expect(parseOpenArgs('klachtenloket', locations)).toMatchObject({ ok: true, query: { step: 'complaintsDesk' } });
    expect(parseOpenArgs('amsterdam', locations)).toEqual({ ok: false, word: 'amsterdam' });
    // "de" matches every location: ambiguous, so refused rather than guessed.
    expect(parseOpenArgs('de', locations)).toEqual({ ok: false, word: 'de' });
  });

  it('termijnen: 7 by default, 1–365 days', () => {
    expect(deadlineDaysSchema.parse('')).toBe(7);
    expect(deadlineDaysSchema.parse(' 14 ')).toBe(14);
    for (const bad of ['0', '366', 'abc', '-3', '2.5']) expect(deadlineDaysSchema.safeParse(bad).success).toBe(false);
  });

  it('overzicht: year, month and Dutch month names', () => {
    const now = new Date('2026-11-25T10:00:00+01:00');
    expect(parsePeriod('', now)).toEqual({ year: 2026 });
    expect(parsePeriod('2025', now)).toEqual({ year: 2025 });
    expect(parsePeriod('maand', now)).toEqual({ year: 2026, month: 11 });
    expect(parsePeriod('2026-03', now)).toEqual({ year: 2026, month: 3 });
    expect(parsePeriod('3-2026', now)).toEqual({ year: 2026, month: 3 });
    expect(parsePeriod('maart', now)).toEqual({ year: 2026, month: 3 });
    expect(parsePeriod('Maart 2025', now)).toEqual({ year: 2025, month: 3 });
    for (const bad of ['2026-13', 'gisteren', '99']) expect(parsePeriod(bad, now)).toBeUndefined();
  });
});
