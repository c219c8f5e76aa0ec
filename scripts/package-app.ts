/**
 * Builds the Teams app package (appPackage.zip: manifest.json, en.json, color.png, outline.png)
 * from manifest/, fills the ${{...}} placeholders from the environment and validates the result
 * offline against the manifest's JSON schema bundled in @microsoft/app-manifest.
 *
 *   npm run package                          settings from the environment
 *   npm run package -- env/.env.dev          settings from a .env file (the environment wins)
 *   npm run package -- --dev                 demo GUIDs for missing settings, for local testing
 *   npm run package -- --out build/app.zip   another output path (default ./appPackage.zip)
 *   npm run package -- --sync                regenerate the command lists in manifest/manifest.json
 *                                            and manifest/en.json from manifest/commands.json
 *
 * The same template is used by the Microsoft 365 Agents Toolkit (teamsApp/zipAppPackage), which
 * fills the placeholders from env/.env.<environment>; keep both paths working.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { ACTIVITY_TYPES, templateParametersOf } from '../src/app/activity-types';
import JSZip from 'jszip';
import { z } from 'zod';
import { decodePng } from './png';

export const MANIFEST_DIR = resolve(__dirname, '..', 'manifest');
export const TEMPLATE_FILE = 'manifest.json';
export const LOCALIZATION_FILE = 'en.json';
export const COMMANDS_FILE = 'commands.json';

/** Teams limits for bot command lists (stricter than the JSON schema, which allows 12 commands). */
export const MAX_COMMAND_LISTS = 3;
export const MAX_COMMANDS_PER_LIST = 10;
export const MAX_COMMAND_TITLE = 32;

/** Fixed timestamp for zip entries, so the same inputs give a byte-identical package. */
const ZIP_DATE = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

// ---------------------------------------------------------------------------------------------
// Commands

export const SCOPES = ['personal', 'team', 'groupChat'] as const;
export type Scope = (typeof SCOPES)[number];

const commandSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z]*$/),
  name: z.string().min(1).max(MAX_COMMAND_TITLE),
  alias: z.string().min(1).max(MAX_COMMAND_TITLE),
  help: z.string().min(1).max(128),
  helpEn: z.string().min(1).max(128),
  manifestScopes: z.array(z.enum(SCOPES)),
});
const commandsFileSchema = z.object({
  $comment: z.string().optional(),
  commands: z.array(commandSchema).min(1),
});

export type CommandSpec = z.infer<typeof commandSchema>;

/** Reads and checks manifest/commands.json (unique ids, names and aliases). */
export function loadCommands(dir: string = MANIFEST_DIR): CommandSpec[] {
  const parsed = commandsFileSchema.safeParse(JSON.parse(readFileSync(join(dir, COMMANDS_FILE), 'utf8')));
  if (!parsed.success) {
    throw new PackagingError(
      `${COMMANDS_FILE} is invalid`,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  const commands = parsed.data.commands;
  const problems: string[] = [];
  for (const key of ['id', 'name', 'alias'] as const) {
    const seen = new Set<string>();
    for (const c of commands) {
      const value = c[key].toLowerCase();
      if (seen.has(value)) problems.push(`duplicate command ${key} "${c[key]}"`);
      seen.add(value);
    }
  }
  if (problems.length > 0) throw new PackagingError(`${COMMANDS_FILE} is invalid`, problems);
  return commands;
}

export interface ManifestCommand {
  title: string;
  description: string;
}

export interface CommandList {
  scopes: Scope[];
  commands: ManifestCommand[];
}

/**
 * One command list per scope, in commands.json order; scopes with the same commands share a list.
 * Titles are the Dutch names; descriptions the Dutch help.
 */
export function buildCommandLists(commands: readonly CommandSpec[]): CommandList[] {
  const lists: { scopes: Scope[]; specs: CommandSpec[] }[] = [];
  for (const scope of SCOPES) {
    const specs = commands.filter((c) => c.manifestScopes.includes(scope));
    if (specs.length === 0) continue;
    const key = specs.map((c) => c.id).join(',');
    const same = lists.find((l) => l.specs.map((c) => c.id).join(',') === key);
    if (same) same.scopes.push(scope);
    else lists.push({ scopes: [scope], specs });
  }
  return lists.map((l) => ({
    scopes: l.scopes,
    commands: l.specs.map((c) => ({ title: c.name, description: c.help })),
  }));
}

/** Checks command lists against Teams' limits and against commands.json; returns problems. */
export function checkCommandLists(lists: readonly CommandList[], commands: readonly CommandSpec[]): string[] {
  const problems: string[] = [];
  if (lists.length > MAX_COMMAND_LISTS)
    problems.push(`${lists.length} command lists; Teams allows ${MAX_COMMAND_LISTS}`);
  const seenScopes = new Set<string>();
  lists.forEach((list, i) => {
    for (const scope of list.scopes) {
      if (seenScopes.has(scope)) problems.push(`scope ${scope} appears in more than one command list`);
      seenScopes.add(scope);
    }
    if (list.commands.length > MAX_COMMANDS_PER_LIST) {
      problems.push(
        `command list ${i} (${list.scopes.join(', ')}) has ${list.commands.length} commands; Teams allows ${MAX_COMMANDS_PER_LIST}`,
      );
    }
    for (const command of list.commands) {
      if (command.title.length > MAX_COMMAND_TITLE) {
        problems.push(`command title "${command.title}" is longer than ${MAX_COMMAND_TITLE} characters`);
      }
      const known = commands.find((c) => c.name === command.title);
      if (!known) problems.push(`command "${command.title}" in list ${i} is not in ${COMMANDS_FILE}`);
      else if (known.help !== command.description)
        problems.push(`command "${command.title}" has a description other than its help in ${COMMANDS_FILE}`);
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Template and localization

export type JsonObject = { [key: string]: unknown };

export function readJsonObject(path: string): JsonObject {
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${path} is not a JSON object`);
  return value as JsonObject;
}

function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as JsonObject;
}

function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not an array`);
  return value;
}

/** The manifest's single bot entry. */
export function botOf(manifest: JsonObject): JsonObject {
  return asObject(asArray(manifest.bots, 'bots')[0], 'bots[0]');
}

/** The command lists as they appear in a manifest object. */
export function commandListsOf(manifest: JsonObject): CommandList[] {
  const lists = asArray(botOf(manifest).commandLists ?? [], 'bots[0].commandLists');
  return lists.map((raw, i) => {
    const list = asObject(raw, `commandLists[${i}]`);
    return {
      scopes: asArray(list.scopes, `commandLists[${i}].scopes`) as Scope[],
      commands: asArray(list.commands, `commandLists[${i}].commands`).map((c, j) => {
        const command = asObject(c, `commandLists[${i}].commands[${j}]`);
        return { title: String(command.title), description: String(command.description ?? '') };
      }),
    };
  });
}

/** English strings for Teams clients in English: names, descriptions, command lists, activity texts. */
export function buildLocalization(commands: readonly CommandSpec[], manifestVersion: string): JsonObject {
  const strings: JsonObject = {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.Localization.schema.json`,
    'name.short': 'Klantsignaal',
    'name.full': 'Klantsignaal – parent complaints and signals',
    'description.short': "Register parents' signals and complaints and handle them on time.",
    'description.full':
      "Klantsignaal helps childcare staff record every signal a parent gives them: complaint, concern, remark, question, idea or compliment. The bot carries each signal through the complaints procedure: from the employee and the childcare centre to the organisation, with the confirmation in the same week, the conversation within two weeks and the written decision within six weeks. Klantsignaal schedules the conversation in Outlook, reminds people of deadlines in time, answers the quality staff's questions about status, deadlines and figures, and prepares the annual complaints analysis for the management team and the GGD. Personal data of parents and children is visible only to those who need it.",
  };
  buildCommandLists(commands).forEach((list, i) => {
    list.commands.forEach((command, j) => {
      const spec = commands.find((c) => c.name === command.title);
      if (!spec) return;
      strings[`bots[0].commandLists[${i}].commands[${j}].title`] = spec.alias;
      strings[`bots[0].commandLists[${i}].commands[${j}].description`] = spec.helpEn;
    });
  });
  // The Overzicht tab (manifest.json staticTabs[0]).
  strings['staticTabs[0].name'] = 'Overview';
  ACTIVITY_TYPES_EN.forEach((activity, i) => {
    strings[`activities.activityTypes[${i}].description`] = activity.description;
    strings[`activities.activityTypes[${i}].templateText`] = activity.templateText;
  });
  return strings;
}

/** English texts of the activity feed types, in the order of manifest.json's activities.activityTypes. */
const ACTIVITY_TYPES_EN: readonly { type: string; description: string; templateText: string }[] = [
  {
    type: 'deadlineApproaching',
    description: "A signal's or measure's deadline is approaching",
    templateText: 'Deadline approaching for {reference}',
  },
  {
    type: 'deadlineMissed',
    description: "A signal's or measure's deadline has passed",
    templateText: 'Deadline passed for {reference}',
  },
  {
    type: 'analysisReminder',
    description: 'A reminder about the yearly analysis',
    templateText: 'Yearly analysis {year}: reminder',
  },
  {
    type: 'weeklyDigest',
    description: 'The weekly overview of open signals',
    templateText: 'Weekly overview {week}',
  },
  {
    type: 'colleagueUnreachable',
    description: 'A colleague cannot be reached in Teams',
    templateText: '{name} cannot be reached in Teams',
  },
];

/** Problems when the template's activity types and the English texts above drift apart. */
/**
 * The manifest declares exactly the activity types the notifier sends (src/app/activity-types.ts),
 * each templateText (Dutch and English) using exactly that type's template parameters.
 */
export function checkActivityTypes(manifest: JsonObject): string[] {
  const activities = manifest.activities === undefined ? undefined : asObject(manifest.activities, 'activities');
  const declared = asArray(activities?.activityTypes ?? [], 'activities.activityTypes').map((a, i) =>
    asObject(a, `activityTypes[${i}]`),
  );
  const types = declared.map((a) => String(a.type));
  const sent = Object.keys(ACTIVITY_TYPES);
  const problems: string[] = [];
  if (types.join(',') !== ACTIVITY_TYPES_EN.map((a) => a.type).join(','))
    problems.push(
      `activities.activityTypes are [${types.join(', ')}] but the English texts are for [${ACTIVITY_TYPES_EN.map((a) => a.type).join(', ')}]`,
    );
  if ([...types].sort().join(',') !== [...sent].sort().join(','))
    problems.push(`activities.activityTypes are [${types.join(', ')}] but the notifier sends [${sent.join(', ')}]`);
  const texts = [
    ...declared.map((a) => ({ type: String(a.type), text: String(a.templateText), where: 'manifest.json' })),
    ...ACTIVITY_TYPES_EN.map((a) => ({ type: a.type, text: a.templateText, where: 'English texts' })),
  ];
  for (const { type, text, where } of texts) {
    const expected = (ACTIVITY_TYPES as Record<string, readonly string[]>)[type];
    if (!expected) continue;
    const used = templateParametersOf(text);
    if ([...new Set(used)].sort().join(',') !== [...expected].sort().join(','))
      problems.push(
        `${where}: templateText of ${type} uses {${used.join('}, {')}} but the notifier sends {${expected.join('}, {')}}`,
      );
  }
  return problems;
}

function stringify(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Rewrites the template's command lists and the English localization from commands.json.
 * Returns the files it changed.
 */
export function syncTemplate(dir: string = MANIFEST_DIR): string[] {
  const commands = loadCommands(dir);
  const templatePath = join(dir, TEMPLATE_FILE);
  const template = readJsonObject(templatePath);
  botOf(template).commandLists = buildCommandLists(commands);
  const changed: string[] = [];
  const files: [string, string][] = [
    [templatePath, stringify(template)],
    [join(dir, LOCALIZATION_FILE), stringify(buildLocalization(commands, String(template.manifestVersion)))],
  ];
  for (const [path, text] of files) {
    let current: unknown;
    try {
      current = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      // A missing or unreadable file is written below.
    }
    // Compare content, not layout, so a formatter may reflow the committed files.
    if (current === undefined || JSON.stringify(current) !== JSON.stringify(JSON.parse(text))) {
      writeFileSync(path, text);
      changed.push(path);
    }
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Settings and placeholders

export const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOSTNAME =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export interface SettingSpec {
  name: string;
  description: string;
  check: (value: string) => string | undefined;
  /** Used by --dev when the setting is missing. */
  demo: string;
  /** Another setting whose value is used when this one is missing. */
  fallback?: string;
  /** A host name or URL: refused on an example domain without --dev. */
  kind?: 'host' | 'url';
}

const guidCheck = (value: string): string | undefined =>
  GUID.test(value) ? undefined : 'must be a GUID like 00000000-0000-0000-0000-000000000000';

const httpsUrlCheck = (value: string): string | undefined =>
  URL.canParse(value) && new URL(value).protocol === 'https:' ? undefined : 'must be an https:// address';

/**
 * Example and test domains (RFC 2606/6761, and the repo's own demo host example.nl): fine for
 * --dev, never in a package meant for a tenant.
 */
export function isExampleHost(host: string): boolean {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const tld = labels[labels.length - 1] ?? '';
  return labels.includes('example') || ['test', 'invalid', 'localhost', 'local'].includes(tld);
}

function hostOf(spec: SettingSpec, value: string): string | undefined {
  if (spec.kind === 'host') return value;
  if (spec.kind === 'url' && URL.canParse(value)) return new URL(value).hostname;
  return undefined;
}

export const SETTINGS: readonly SettingSpec[] = [
  {
    name: 'TEAMS_APP_ID',
    description: 'the Teams app id (a GUID you choose once and keep; the Agents Toolkit writes it on provision)',
    check: guidCheck,
    demo: '6b1a7c5e-0d2f-4e8a-9c31-4b5d6e7f8a90',
  },
  {
    name: 'BOT_ID',
    description: "the bot's Microsoft App ID (the app registration's client id, or the managed identity's client id)",
    check: guidCheck,
    demo: '2f9d3c1b-7a4e-4b6d-8e2f-0a1b2c3d4e5f',
  },
  {
    name: 'BOT_DOMAIN',
    description: 'the host name the bot is served from, e.g. klantsignaal.azurewebsites.net (no https://, no path)',
    check: (value) =>
      HOSTNAME.test(value) ? undefined : 'must be a bare host name such as klantsignaal.azurewebsites.net',
    demo: 'klantsignaal.example.nl',
    kind: 'host',
  },
  {
    name: 'GRAPH_CLIENT_ID',
    description:
      'the client id of the app registration the bot uses for Microsoft Graph (activity feed notifications need it in webApplicationInfo)',
    check: guidCheck,
    demo: '2f9d3c1b-7a4e-4b6d-8e2f-0a1b2c3d4e5f',
    fallback: 'BOT_ID',
  },
  {
    name: 'WEBSITE_URL',
    description: "the organisation's page about Klantsignaal (the manifest's developer.websiteUrl)",
    check: httpsUrlCheck,
    demo: 'https://www.example.nl/klantsignaal',
    kind: 'url',
  },
  {
    name: 'PRIVACY_URL',
    description: "the organisation's privacy statement (developer.privacyUrl; Teams shows it to every user)",
    check: httpsUrlCheck,
    demo: 'https://www.example.nl/privacy',
    kind: 'url',
  },
  {
    name: 'TERMS_OF_USE_URL',
    description: "the organisation's terms of use (developer.termsOfUseUrl)",
    check: httpsUrlCheck,
    demo: 'https://www.example.nl/gebruiksvoorwaarden',
    kind: 'url',
  },
];

export type Settings = Record<string, string>;

/** Parses a dotenv-style file (KEY=VALUE, # comments, optional quotes, optional `export `). */
export function parseEnvFile(text: string): Settings {
  const result: Settings = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1] as string;
    let value = (match[2] as string).trim();
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] as string;
    else value = value.replace(/\s+#.*$/, '');
    result[key] = value;
  }
  return result;
}

/**
 * The values for every placeholder: from `sources` (later ones win), then fallbacks, then, with
 * `dev`, demo values. Throws a PackagingError naming every missing or malformed setting.
 */
export function resolveSettings(sources: readonly Partial<Settings>[], options: { dev?: boolean } = {}): Settings {
  const merged: Settings = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source))
      if (value !== undefined && value.trim() !== '') merged[key] = value.trim();
  }
  const resolved: Settings = {};
  const problems: string[] = [];
  for (const spec of SETTINGS) {
    let value = merged[spec.name];
    if (value === undefined && spec.fallback !== undefined) value = merged[spec.fallback];
    if (value === undefined && options.dev) value = spec.demo;
    if (value === undefined) {
      const also = spec.fallback !== undefined ? ` (nor ${spec.fallback}, used when it is absent)` : '';
      problems.push(`${spec.name} is not set${also}: ${spec.description}`);
      continue;
    }
    const error = spec.check(value);
    const host = hostOf(spec, value);
    if (error) problems.push(`${spec.name}="${value}" ${error}`);
    else if (!options.dev && host !== undefined && isExampleHost(host))
      problems.push(
        `${spec.name}="${value}" is on an example domain (${host}): set the organisation's own, or use --dev`,
      );
    else resolved[spec.name] = value;
  }
  if (problems.length > 0) {
    throw new PackagingError(
      'missing or invalid settings for the app package (set them in the environment, pass a .env file, or use --dev for demo values)',
      problems,
    );
  }
  return resolved;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Replaces ${{NAME}} placeholders in text; throws naming any placeholder without a value. */
export function fillPlaceholders(text: string, settings: Settings): string {
  const unknown = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = settings[name];
    if (value === undefined) {
      unknown.add(name);
      return whole;
    }
    // Values land inside JSON strings: escape them as JSON would.
    return JSON.stringify(value).slice(1, -1);
  });
  if (unknown.size > 0)
    throw new PackagingError(
      'the manifest uses placeholders without a value',
      [...unknown].map((n) => `${n} is not set`),
    );
  return filled;
}

// ---------------------------------------------------------------------------------------------
// Validation

export interface IconRequirement {
  file: string;
  size: number;
  transparent: boolean;
}

export const ICONS: readonly IconRequirement[] = [
  { file: 'color.png', size: 192, transparent: false },
  { file: 'outline.png', size: 32, transparent: true },
];

/** Checks an icon's PNG bytes: size, and for the outline icon white-on-transparent. */
export function checkIcon(bytes: Uint8Array, requirement: IconRequirement): string[] {
  let png;
  try {
    png = decodePng(bytes);
  } catch (error) {
    return [`${requirement.file}: ${error instanceof Error ? error.message : String(error)}`];
  }
  const problems: string[] = [];
  if (png.width !== requirement.size || png.height !== requirement.size) {
    problems.push(
      `${requirement.file} is ${png.width}x${png.height}; Teams needs ${requirement.size}x${requirement.size}`,
    );
  }
  if (requirement.transparent) {
    if (!png.hasAlphaChannel) problems.push(`${requirement.file} has no transparency`);
    let transparent = 0;
    let opaque = 0;
    let coloured = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      const alpha = png.pixels[i + 3] ?? 0;
      if (alpha === 0) transparent++;
      else {
        if (alpha === 255) opaque++;
        if (png.pixels[i] !== 255 || png.pixels[i + 1] !== 255 || png.pixels[i + 2] !== 255) coloured++;
      }
    }
    if (transparent === 0)
      problems.push(`${requirement.file} has no transparent pixels; the background must be transparent`);
    if (opaque === 0) problems.push(`${requirement.file} has no opaque pixels; the symbol must be solid white`);
    if (coloured > 0) problems.push(`${requirement.file} has ${coloured} visible pixels that are not white`);
  }
  return problems;
}

/** The path of a Teams schema inside @microsoft/app-manifest, or undefined when it is not bundled. */
function bundledSchemaPath(schemaUrl: string): string | undefined {
  if (!schemaUrl.startsWith('https://developer.microsoft.com/json-schemas/teams/')) return undefined;
  const root = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const path = join(root, 'build', schemaUrl.slice('https://developer.microsoft.com/'.length));
  return existsSync(path) ? path : undefined;
}

/**
 * Schema validation of a manifest with the schema bundled in @microsoft/app-manifest.
 * AppManifestUtils.fetchSchema reads the bundled copy for developer.microsoft.com Teams URLs and
 * would only go to the network for unknown versions; those are refused here, so validation is
 * always offline and deterministic.
 */
export async function validateAgainstBundledSchema(manifest: JsonObject): Promise<string[]> {
  const schemaUrl = manifest.$schema;
  if (typeof schemaUrl !== 'string') return ['$schema is missing'];
  if (!bundledSchemaPath(schemaUrl))
    return [`$schema ${schemaUrl} is not a Teams schema bundled in @microsoft/app-manifest`];
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as TeamsManifest);
}

interface LocalizationSchema {
  additionalProperties?: boolean;
  properties: Record<string, { maxLength?: number }>;
  patternProperties: Record<string, { maxLength?: number }>;
}

/**
 * Validates a localization file against the bundled MicrosoftTeams.Localization schema. That schema
 * is flat (string keys with a maximum length) but its key patterns are not valid in Unicode mode,
 * so Ajv (which compiles patterns with the `u` flag) cannot load it; the rules are applied here.
 */
export function validateLocalization(strings: JsonObject): string[] {
  const schemaUrl = strings.$schema;
  if (typeof schemaUrl !== 'string') return ['$schema is missing'];
  const path = bundledSchemaPath(schemaUrl);
  if (!path || !schemaUrl.endsWith('/MicrosoftTeams.Localization.schema.json')) {
    return [`$schema ${schemaUrl} is not a Teams localization schema bundled in @microsoft/app-manifest`];
  }
  const schema = JSON.parse(readFileSync(path, 'utf8')) as LocalizationSchema;
  const patterns = Object.entries(schema.patternProperties).map(([pattern, rule]) => ({
    regex: new RegExp(pattern),
    rule,
  }));
  const problems: string[] = [];
  for (const [key, value] of Object.entries(strings)) {
    if (key === '$schema') continue;
    const rule = schema.properties[key] ?? patterns.find((p) => p.regex.test(key))?.rule;
    if (!rule) {
      if (schema.additionalProperties === false) problems.push(`${key} is not a localizable key`);
      continue;
    }
    if (key === 'localizationKeys') continue;
    if (typeof value !== 'string' || value.length === 0) problems.push(`${key} must be a non-empty string`);
    else if (rule.maxLength !== undefined && value.length > rule.maxLength)
      problems.push(`${key} is longer than ${rule.maxLength} characters`);
  }
  return problems;
}

/** Everything checked on a filled manifest: schema, placeholders, command lists, activity types. */
export async function validateManifest(manifest: JsonObject, commands: readonly CommandSpec[]): Promise<string[]> {
  const problems = (await validateAgainstBundledSchema(manifest)).map((p) => `schema: ${p}`);
  const leftover = JSON.stringify(manifest).match(PLACEHOLDER);
  if (leftover) problems.push(`unfilled placeholders: ${leftover.join(', ')}`);
  problems.push(...checkCommandLists(commandListsOf(manifest), commands));
  const expected = JSON.stringify(buildCommandLists(commands));
  if (JSON.stringify(commandListsOf(manifest)) !== expected) {
    problems.push(
      `the command lists in ${TEMPLATE_FILE} differ from ${COMMANDS_FILE}; run: npx tsx scripts/package-app.ts --sync`,
    );
  }
  problems.push(...checkActivityTypes(manifest));
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Packaging

export class PackagingError extends Error {
  constructor(
    message: string,
    public readonly problems: readonly string[] = [],
  ) {
    super(problems.length > 0 ? `${message}:\n${problems.map((p) => `  - ${p}`).join('\n')}` : message);
    this.name = 'PackagingError';
  }
}

export interface PackageOptions {
  /** Placeholder values; see resolveSettings. */
  settings: Settings;
  /** Where to write the zip; nothing is written when absent. */
  outFile?: string;
  /** Directory holding manifest.json, en.json, commands.json and the icons. */
  manifestDir?: string;
}

export interface PackageResult {
  manifest: JsonObject;
  zip: Buffer;
  entries: string[];
}

/** Fills, validates and zips the app package; throws a PackagingError listing every problem. */
export async function buildAppPackage(options: PackageOptions): Promise<PackageResult> {
  const dir = options.manifestDir ?? MANIFEST_DIR;
  const commands = loadCommands(dir);
  const manifestText = fillPlaceholders(readFileSync(join(dir, TEMPLATE_FILE), 'utf8'), options.settings);
  const manifest = JSON.parse(manifestText) as JsonObject;
  const problems = await validateManifest(manifest, commands);

  const files = new Map<string, Buffer>([[TEMPLATE_FILE, Buffer.from(manifestText, 'utf8')]]);
  const icons = asObject(manifest.icons, 'icons');
  for (const requirement of ICONS) {
    const key = requirement.file === 'color.png' ? 'color' : 'outline';
    if (icons[key] !== requirement.file) problems.push(`icons.${key} must be "${requirement.file}"`);
    const bytes = readFileSync(join(dir, requirement.file));
    problems.push(...checkIcon(bytes, requirement));
    files.set(requirement.file, bytes);
  }

  const localization = asObject(manifest.localizationInfo ?? {}, 'localizationInfo');
  for (const [i, raw] of asArray(localization.additionalLanguages ?? [], 'additionalLanguages').entries()) {
    const file = String(asObject(raw, `additionalLanguages[${i}]`).file);
    const text = readFileSync(join(dir, file), 'utf8');
    const strings = JSON.parse(text) as JsonObject;
    problems.push(...validateLocalization(strings).map((p) => `${file} schema: ${p}`));
    const expected = buildLocalization(commands, String(manifest.manifestVersion));
    if (stringify(strings) !== stringify(expected)) {
      problems.push(`${file} differs from ${COMMANDS_FILE}; run: npx tsx scripts/package-app.ts --sync`);
    }
    files.set(file, Buffer.from(text, 'utf8'));
  }

  if (problems.length > 0) throw new PackagingError('the app package is not valid', problems);

  const zip = new JSZip();
  for (const [name, bytes] of files) zip.file(name, bytes, { date: ZIP_DATE, createFolders: false });
  const buffer = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'UNIX',
  });
  if (options.outFile) {
    mkdirSync(dirname(options.outFile), { recursive: true });
    writeFileSync(options.outFile, buffer);
  }
  return { manifest, zip: buffer, entries: [...files.keys()] };
}

// ---------------------------------------------------------------------------------------------
// Command line

interface CliOptions {
  dev: boolean;
  sync: boolean;
  out: string;
  envFile?: string;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { dev: false, sync: false, out: resolve(process.cwd(), 'appPackage.zip') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--dev') options.dev = true;
    else if (arg === '--sync') options.sync = true;
    else if (arg === '--out') {
      const value = argv[++i];
      if (!value) throw new PackagingError('--out needs a file path');
      options.out = resolve(process.cwd(), value);
    } else if (arg === '--env-file') {
      const value = argv[++i];
      if (!value) throw new PackagingError('--env-file needs a file path');
      options.envFile = resolve(process.cwd(), value);
    } else if (!arg.startsWith('--')) options.envFile = resolve(process.cwd(), arg);
    else throw new PackagingError(`unknown option ${arg} (known: --dev, --sync, --out <file>, --env-file <file>)`);
  }
  return options;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options.sync) {
      const changed = syncTemplate();
      console.log(changed.length > 0 ? `updated ${changed.join(', ')}` : 'manifest already matches commands.json');
      return 0;
    }
    const fromFile = options.envFile ? parseEnvFile(readFileSync(options.envFile, 'utf8')) : {};
    const settings = resolveSettings([fromFile, process.env as Partial<Settings>], { dev: options.dev });
    const result = await buildAppPackage({ settings, outFile: options.out });
    console.log(
      `wrote ${options.out} (${result.entries.join(', ')}), valid against ${String(result.manifest.$schema)}`,
    );
    if (options.dev)
      console.log('note: --dev filled missing settings with demo values; do not upload this package to a tenant');
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
