import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerRequest } from '@azure/cosmos';
import { ALL_CONTAINERS, CONTAINERS } from '../../src/adapters/cosmos/containers';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../src/domain/analysis-workflow';
import { graphOptionsFromEnv } from '../../src/adapters/graph';
import { DEFAULT_REMINDER_SETTINGS, reminderSettingsFromEnv } from '../../src/app/reminders';
import { loadConfig } from '../../src/config';
import { COSMOS_CONTAINERS_FILE, renderCosmosContainers } from '../../infra/generate-cosmos-containers';
import { parseEnvFile } from '../../scripts/package-app';
import { readmeSettingsTable, settingsReadByApp } from '../ops/settings';

/**
 * Bicep cannot run here (no az CLI), so these tests keep the deployment files consistent with the
 * code and with each other: the Cosmos layout, the app settings the bot reads, and every
 * ${{VARIABLE}} the Agents Toolkit must be able to fill. bicep.test.ts and arm-models.test.ts check
 * the Bicep itself (ADR 0008).
 */
const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const placeholders = (text: string): string[] =>
  [...text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1] as string);

/**
 * Settings App Service itself (not the bot) reads: allowed in Bicep although the app never reads them.
 * Not APPLICATIONINSIGHTS_CONNECTION_STRING: only an SDK in the app would read it, and there is none.
 */
const PLATFORM_SETTINGS = new Set(['SCM_DO_BUILD_DURING_DEPLOYMENT', 'WEBSITE_HEALTHCHECK_MAXPINGFAILURES']);
/** Settings the app reads that Bicep leaves out on purpose, with the reason. */
const NOT_SET_IN_AZURE: Record<string, string> = {
  PORT: 'App Service passes PORT to the process itself',
  COSMOS_KEY: 'account keys are turned off; the app signs in with its managed identity',
};

interface BicepParam {
  type: string;
  /** The default as the app would see it in an app setting (text), when it has a literal one. */
  defaultText?: string;
}

function bicepParams(bicep: string): Map<string, BicepParam> {
  const params = new Map<string, BicepParam>();
  for (const m of bicep.matchAll(/^param (\w+) (\w+)(?: = (.+?))?\s*$/gm)) {
    const [, name, type, value] = m as unknown as [string, string, string, string | undefined];
    let defaultText: string | undefined;
    if (value !== undefined && /^'(?:[^'\\]|\\.)*'$/.test(value)) defaultText = value.slice(1, -1).replace(/\\'/g, "'");
    else if (value !== undefined && /^(-?\d+|true|false)$/.test(value)) defaultText = value;
    params.set(name, { type, ...(defaultText !== undefined ? { defaultText } : {}) });
  }
  return params;
}

/** Every `NAME: expression` app setting in main.bicep (upper-case keys of its settings objects). */
function bicepSettings(bicep: string): Map<string, string> {
  const code = bicep.replace(/(^|\s)\/\/.*$/gm, '$1');
  const settings = new Map<string, string>();
  for (const m of code.matchAll(/(?:^\s+|[{,]\s*)([A-Z][A-Z0-9_]*): ([^\n}]+?)\s*(?=$|})/gm)) {
    settings.set(m[1] as string, m[2] as string);
  }
  return settings;
}

/** The value a setting gets with the default parameters, when it is a literal or a parameter's default. */
function resolveSetting(expression: string, params: Map<string, BicepParam>): string | undefined {
  const literal = /^'([^']*)'$/.exec(expression);
  if (literal) return literal[1];
  const condition = /^(\w+) \? '([^']*)' : '([^']*)'$/.exec(expression);
  const flag = condition ? params.get(condition[1] as string) : undefined;
  if (condition && flag?.type === 'bool' && flag.defaultText !== undefined) {
    return flag.defaultText === 'true' ? condition[2] : condition[3];
  }
  const name = /^(?:string\((\w+)\)|(\w+))$/.exec(expression);
  const param = name ? params.get((name[1] ?? name[2]) as string) : undefined;
  return param?.defaultText;
}

const isContainerRequest = (value: unknown): value is ContainerRequest =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { id?: unknown }).id === 'string' &&
  Array.isArray((value as { partitionKey?: { paths?: unknown } }).partitionKey?.paths);

describe('infra: Cosmos DB containers', () => {
  const infra = JSON.parse(read('infra/cosmos-containers.json')) as {
    containers: { id: string; partitionKey: unknown; indexingPolicy: unknown }[];
  };

  it('is generated from ALL_CONTAINERS (run npx tsx infra/generate-cosmos-containers.ts after a change)', () => {
    expect(readFileSync(COSMOS_CONTAINERS_FILE, 'utf8')).toBe(renderCosmosContainers());
  });

  it('creates every container the code defines, with the same partition key and indexing policy', () => {
    const inBicep = new Map(infra.containers.map((container) => [container.id, container]));
    for (const container of ALL_CONTAINERS) {
      const deployed = inBicep.get(container.id ?? '');
      expect({ id: container.id, deployed: deployed !== undefined }).toEqual({ id: container.id, deployed: true });
      expect({
        id: container.id,
        partitionKey: deployed?.partitionKey,
        indexingPolicy: deployed?.indexingPolicy,
      }).toEqual(
        JSON.parse(
          JSON.stringify({
            id: container.id,
            partitionKey: container.partitionKey,
            indexingPolicy: container.indexingPolicy,
          }),
        ),
      );
    }
    expect(infra.containers.map((container) => container.id).sort()).toEqual(
      ALL_CONTAINERS.map((container) => container.id ?? '').sort(),
    );
    const bicep = read('infra/modules/cosmos.bicep');
    expect(bicep).toContain("loadJsonContent('../cosmos-containers.json')");
    expect(bicep).toContain('partitionKey: union(container.partitionKey');
    expect(bicep).toContain('indexingPolicy: container.indexingPolicy');
  });

  it('ALL_CONTAINERS gathers every container definition and id of the Cosmos adapters', async () => {
    const ids = new Set(ALL_CONTAINERS.map((container) => container.id));
    expect(ids.size).toBe(ALL_CONTAINERS.length);
    for (const container of CONTAINERS) expect(ids.has(container.id)).toBe(true);
    const directory = join(root, 'src', 'adapters', 'cosmos');
    const found: string[] = [];
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.ts'))) {
      const exported = (await import(join(directory, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) {
        if (isContainerRequest(value)) found.push(`${file}:${name}:${value.id}`);
        if (name.endsWith('_CONTAINER_ID') && typeof value === 'string') found.push(`${file}:${name}:${value}`);
      }
    }
    expect(found.length).toBeGreaterThanOrEqual(10);
    const missing = found.filter((entry) => !ids.has(entry.split(':')[2]));
    expect(missing).toEqual([]);
    // A container defined in a module must be the very object ALL_CONTAINERS holds (not a stale copy).
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.ts'))) {
      const exported = (await import(join(directory, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) {
        if (isContainerRequest(value) && name !== 'ALL_CONTAINERS') {
          expect({ name, gathered: ALL_CONTAINERS.includes(value) }).toEqual({ name, gathered: true });
        }
      }
    }
  });
});

describe('infra: app settings', () => {
  const main = read('infra/main.bicep');
  const params = bicepParams(main);
  const settings = bicepSettings(main);
  const appReads = settingsReadByApp();
  const readNames = new Set(appReads.map((setting) => setting.name));

  it('finds what the app reads (config schema, Graph, reminders, direct reads)', () => {
    const bySource = (source: string) => appReads.filter((setting) => setting.source === source).map((s) => s.name);
    expect(bySource('config')).toEqual(expect.arrayContaining(['PORT', 'STORE', 'RETENTION_MONTHS', 'FLOOD_BURST']));
    expect(bySource('graph')).toEqual(
      expect.arrayContaining(['GRAPH_TENANT_ID', 'GRAPH_MAILBOX', 'GRAPH_MAX_RETRIES']),
    );
    expect(bySource('reminders')).toEqual(expect.arrayContaining(['REMINDERS_ENABLED', 'REMINDER_AUDIENCE_MISSED']));
    expect(bySource('direct')).toEqual(expect.arrayContaining(['OUTBOX_DIR']));
    expect(settings.size).toBeGreaterThan(40);
  });

  it('gives the web app every setting the bot reads in Azure', () => {
    const missing = [...readNames].filter((name) => !settings.has(name) && !(name in NOT_SET_IN_AZURE));
    expect(missing).toEqual([]);
    for (const name of Object.keys(NOT_SET_IN_AZURE)) {
      expect({ name, read: readNames.has(name), inBicep: settings.has(name) }).toEqual({
        name,
        read: true,
        inBicep: false,
      });
    }
  });

  it('sets only settings the bot (or App Service) reads: no typos', () => {
    const unknown = [...settings.keys()].filter((name) => !readNames.has(name) && !PLATFORM_SETTINGS.has(name));
    expect(unknown).toEqual([]);
    // The exceptions are real: App Service reads them, the bot does not, and Bicep sets them.
    for (const name of PLATFORM_SETTINGS) {
      expect({ name, inBicep: settings.has(name), readByApp: readNames.has(name) }).toEqual({
        name,
        inBicep: true,
        readByApp: false,
      });
    }
  });

  it("ships the logs through the web app's diagnostic settings and to Application Insights on the same workspace", () => {
    // The bot's JSON lines go to stdout; App Service sends them to the workspace (AppServiceConsoleLogs).
    const web = read('infra/modules/appservice.bicep');
    expect(web).toContain("{ category: 'AppServiceConsoleLogs', enabled: true }");
    expect(web).toContain('workspaceId: logAnalyticsWorkspaceId');
    expect(main).toContain("logAnalyticsWorkspaceId: enableLogAnalytics ? monitoring!.outputs.workspaceId : ''");
    expect(main).toContain('retentionInDays: logRetentionDays');
    const monitoring = read('infra/modules/monitoring.bicep');
    expect(monitoring).toContain("'Microsoft.OperationalInsights/workspaces@");
    // A workspace-based Application Insights whose connection string the app reads (src/config.ts).
    expect(monitoring).toContain("'Microsoft.Insights/components@");
    expect(monitoring).toContain('WorkspaceResourceId: workspace.id');
    expect(readNames.has('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(true);
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(
      "enableLogAnalytics ? monitoring!.outputs.applicationInsightsConnectionString : ''",
    );
  });

  it('passes settings as text and secrets only as Key Vault references', () => {
    for (const [name, expression] of settings) {
      const param = params.get(expression);
      if (param) expect({ name, type: param.type }).toEqual({ name, type: 'string' });
      // ARM's string(true) is 'True', which the config's flags refuse: write flags with a condition.
      const converted = /^string\((\w+)\)$/.exec(expression);
      const convertedParam = converted ? params.get(converted[1] as string) : undefined;
      if (convertedParam) expect({ name, type: convertedParam.type }).toEqual({ name, type: 'int' });
    }
    expect(settings.get('MICROSOFT_APP_PASSWORD')).toBe("isMsi ? '' : vault.outputs.botSecretReference");
    expect(settings.get('GRAPH_CLIENT_SECRET')).toBe('graphSecretSetting');
    expect(settings.get('COSMOS_CREATE_IF_MISSING')).toBe("'false'");
    expect(settings.get('STORE')).toBe("'cosmos'");
    expect(settings.get('HOST')).toBe("'0.0.0.0'");
    expect(settings.get('DEMO_MODE')).toBe("'false'");
    expect(read('infra/modules/keyvault.bicep')).toContain('@Microsoft.KeyVault(VaultName=');
    const web = read('infra/modules/appservice.bicep');
    expect(web).toContain("healthCheckPath: '/healthz'");
    expect(web).toContain('alwaysOn: true');
    expect(web).toContain("param linuxFxVersion string = 'NODE|24-lts'");
    // The runtime deployed is the one package.json demands and CI tests on.
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('>=24');
    expect(read('infra/main.bicep')).toContain("param linuxFxVersion string = 'NODE|24-lts'");
  });

  it('with the default parameters, the app gets its own defaults and a valid configuration', () => {
    const env: Record<string, string> = {};
    for (const [name, expression] of settings) {
      const value = resolveSetting(expression, params);
      if (value !== undefined) env[name] = value;
    }
    // Values Bicep takes from other resources.
    const deployed = { ...env, COSMOS_ENDPOINT: 'https://klantsignaal-cosmos.documents.azure.com:443/' };
    const config = loadConfig(deployed);
    const defaults = loadConfig({});
    expect(config.store).toMatchObject({
      kind: 'cosmos',
      endpoint: deployed.COSMOS_ENDPOINT,
      database: 'klantsignaal',
      createIfMissing: false,
      endpointDiscovery: true,
    });
    expect(config.store.kind === 'cosmos' ? config.store.key : 'sqlite').toBeUndefined();
    expect({
      deadlines: config.deadlines,
      flood: config.flood,
      retentionMonths: config.retentionMonths,
      maxBodyBytes: config.maxBodyBytes,
      logLevel: config.logLevel,
    }).toEqual({
      deadlines: defaults.deadlines,
      flood: defaults.flood,
      retentionMonths: defaults.retentionMonths,
      maxBodyBytes: defaults.maxBodyBytes,
      logLevel: defaults.logLevel,
    });
    expect(config.analysis).toEqual(defaults.analysis);
    expect(defaults.analysis).toEqual(DEFAULT_ANALYSIS_SETTINGS);
    expect(loadConfig({ ANALYSIS_REQUIRED_ADOPTIONS: '3' }).analysis.requiredAdoptions).toBe(3);
    expect(config.demoMode).toBe(false);
    expect(config.demoData).toBe(false);
    expect(() =>
      loadConfig({
        DEMO_DATA: 'true',
        MICROSOFT_APP_ID: 'x',
        MICROSOFT_APP_PASSWORD: 'y',
        MICROSOFT_APP_TENANT_ID: 't',
      }),
    ).toThrow(/DEMO_DATA/);
    expect(config.bot.channelOpenIdMetadataUrl).toBeUndefined();
    expect(config.bot.channelTokenIssuer).toBeUndefined();
    // Every REMINDER_* setting is there, and the defaults are the code's.
    expect(
      Object.keys(env)
        .filter((name) => name.startsWith('REMINDER'))
        .sort(),
    ).toEqual(
      appReads
        .filter((setting) => setting.source === 'reminders')
        .map((setting) => setting.name)
        .sort(),
    );
    expect(reminderSettingsFromEnv(env)).toEqual(DEFAULT_REMINDER_SETTINGS);
    // Empty optional Graph tuning settings leave the client defaults.
    const required = {
      GRAPH_TENANT_ID: '00000000-0000-0000-0000-000000000001',
      GRAPH_CLIENT_ID: '00000000-0000-0000-0000-000000000002',
      GRAPH_CLIENT_SECRET: 'secret',
      GRAPH_MAILBOX: 'klachten@example.nl',
    };
    expect(graphOptionsFromEnv({ ...env, ...required })).toEqual(graphOptionsFromEnv(required));
  });

  it('documents every setting the app reads in the README settings table, and only those', () => {
    const { names } = readmeSettingsTable();
    const documented = new Set(names);
    expect([...readNames].filter((name) => !documented.has(name))).toEqual([]);
    expect(names.filter((name) => !readNames.has(name))).toEqual([]);
  });
});

/** The rows of the first Markdown table after the line that starts with `lead`. */
function tableAfter(markdown: string, lead: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(lead));
  if (start < 0) throw new Error(`no line starting with "${lead}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    // Split on pipes that are not escaped (`NODE\|20-lts`), drop the outer empty cells.
    rows.push(
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows.slice(2); // header and separator
}

const backticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

describe('infra: docs/deploy.md', () => {
  const main = read('infra/main.bicep');
  const deploy = read('docs/deploy.md');
  const params = bicepParams(main);
  const paramRows = tableAfter(deploy, 'Parameters of `infra/main.bicep`');
  const settingRows = tableAfter(deploy, 'The web app gets these settings');

  it('documents every parameter of main.bicep, and only those', () => {
    const documented = paramRows.flatMap((row) => backticked(row[0] ?? ''));
    expect(documented.length).toBeGreaterThan(50);
    expect([...params.keys()].filter((name) => !documented.includes(name))).toEqual([]);
    expect(documented.filter((name) => !params.has(name))).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('gives each parameter the default main.bicep has', () => {
    for (const row of paramRows) {
      const names = backticked(row[0] ?? '');
      if (names.length !== 1) continue; // a section heading, or one row for a pair
      const name = names[0] as string;
      const param = params.get(name);
      const cell = (row[1] ?? '').replace(/\\\|/g, '|');
      if (param?.defaultText === undefined) continue; // an expression (the resource group's location ...)
      if (param.defaultText === '') {
        expect({ name, cell: /^(empty|—)/.test(cell) }).toEqual({ name, cell: true });
      } else {
        expect({ name, cell: backticked(cell)[0] }).toEqual({ name, cell: param.defaultText });
      }
    }
  });

  it('names every app setting Bicep sets (a `PREFIX_*` entry covers a family)', () => {
    const entries = settingRows.flatMap((row) =>
      backticked(row[0] ?? '').map((entry) => entry.split('=')[0] as string),
    );
    const prefixes = entries.filter((entry) => entry.endsWith('*')).map((entry) => entry.slice(0, -1));
    const covered = (name: string): boolean =>
      entries.includes(name) || prefixes.some((prefix) => name.startsWith(prefix));
    const settings = bicepSettings(main);
    expect([...settings.keys()].filter((name) => !covered(name))).toEqual([]);
    // And the table names nothing Bicep does not set (PORT and COSMOS_KEY are left out on purpose).
    expect(entries.filter((entry) => !entry.endsWith('*') && !settings.has(entry))).toEqual([]);
  });
});

describe('infra: Agents Toolkit', () => {
  it('lets the Agents Toolkit fill every placeholder of the manifest and the Bicep parameters', () => {
    const yml = read('m365agents.yml');
    const written = new Set<string>();
    // writeToEnvironmentFile entries: "      key: ENV_NAME"
    for (const block of yml.split('writeToEnvironmentFile:').slice(1)) {
      for (const line of block.split('\n').slice(1)) {
        const m = /^\s{6}[A-Za-z]+: ([A-Z_][A-Z0-9_]*)\s*$/.exec(line);
        if (!m) break;
        written.add(m[1] as string);
      }
    }
    for (const m of read('infra/main.bicep').matchAll(/^output ([A-Z_][A-Z0-9_]*) /gm)) written.add(m[1] as string);
    const env = parseEnvFile(read('env/.env.dev'));
    const builtIn = new Set(['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME']);
    const known = (name: string): boolean => written.has(name) || name in env || builtIn.has(name);

    for (const file of [
      'manifest/manifest.json',
      'infra/azure.parameters.json',
      'infra/aad.manifest.json',
      'm365agents.yml',
    ]) {
      const unknown = placeholders(read(file)).filter((n) => !known(n));
      expect({ file, unknown }).toEqual({ file, unknown: [] });
    }
    // The secret comes from aadApp/create and is never committed in the env file.
    expect(written.has('SECRET_BOT_PASSWORD')).toBe(true);
    expect(env.SECRET_BOT_PASSWORD).toBeUndefined();
  });

  it('passes only parameters main.bicep declares', () => {
    const declared = new Set([...read('infra/main.bicep').matchAll(/^param (\w+) /gm)].map((m) => m[1]));
    const parameters = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, unknown> };
    for (const name of Object.keys(parameters.parameters)) expect([name, declared.has(name)]).toEqual([name, true]);
  });
});
