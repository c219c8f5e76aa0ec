import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Mapper } from '@azure/core-client';
import { ArmModelChecker, type Mappers } from '../support/arm-models';
import { type BicepFile, readBicep, resources } from '../support/bicep';

/**
 * The resource bodies of infra/*.bicep against Azure's ARM request models (test/support/arm-models.ts,
 * ADR 0008). The SDKs keep their models to themselves; each hands them to core-client's
 * createSerializer when it loads, which is where this test picks them up.
 */
const captured: Mappers[] = [];
jest.mock('@azure/core-client', () => {
  const actual = jest.requireActual('@azure/core-client');
  return {
    ...actual,
    createSerializer: (mappers: Mappers, isXml?: boolean) => {
      captured.push(mappers);
      return actual.createSerializer(mappers, isXml);
    },
  };
});

function modelsOf(sdk: string): Mappers {
  const before = captured.length;
  jest.requireActual(sdk);
  const found = captured.slice(before);
  if (found.length === 0) throw new Error(`${sdk} handed no models to createSerializer`);
  return Object.assign({}, ...found);
}

/** Which request model each resource type of the Bicep files takes (and its API version in the SDK). */
const MODELS: { type: string; name?: string; sdk: string; className: string }[] = [
  { type: 'Microsoft.ManagedIdentity/userAssignedIdentities', sdk: '@azure/arm-msi', className: 'Identity' },
  { type: 'Microsoft.Web/serverfarms', sdk: '@azure/arm-appservice', className: 'AppServicePlan' },
  { type: 'Microsoft.Web/sites', sdk: '@azure/arm-appservice', className: 'Site' },
  { type: 'Microsoft.Web/sites/config', name: 'logs', sdk: '@azure/arm-appservice', className: 'SiteLogsConfig' },
  {
    type: 'Microsoft.Web/sites/config',
    name: 'appsettings',
    sdk: '@azure/arm-appservice',
    className: 'StringDictionary',
  },
  {
    type: 'Microsoft.Insights/diagnosticSettings',
    sdk: '@azure/arm-monitor',
    className: 'DiagnosticSettingsResource',
  },
  { type: 'Microsoft.BotService/botServices', sdk: '@azure/arm-botservice', className: 'Bot' },
  { type: 'Microsoft.BotService/botServices/channels', sdk: '@azure/arm-botservice', className: 'BotChannel' },
  {
    type: 'Microsoft.DocumentDB/databaseAccounts',
    sdk: '@azure/arm-cosmosdb',
    className: 'DatabaseAccountCreateUpdateParameters',
  },
  {
    type: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
    sdk: '@azure/arm-cosmosdb',
    className: 'SqlDatabaseCreateUpdateParameters',
  },
  {
    type: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
    sdk: '@azure/arm-cosmosdb',
    className: 'SqlContainerCreateUpdateParameters',
  },
  {
    type: 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
    sdk: '@azure/arm-cosmosdb',
    className: 'SqlRoleAssignmentCreateUpdateParameters',
  },
  { type: 'Microsoft.KeyVault/vaults', sdk: '@azure/arm-keyvault', className: 'VaultCreateOrUpdateParameters' },
  {
    type: 'Microsoft.KeyVault/vaults/secrets',
    sdk: '@azure/arm-keyvault',
    className: 'SecretCreateOrUpdateParameters',
  },
  {
    type: 'Microsoft.Authorization/roleAssignments',
    sdk: '@azure/arm-authorization',
    className: 'RoleAssignmentCreateParameters',
  },
  { type: 'Microsoft.OperationalInsights/workspaces', sdk: '@azure/arm-operationalinsights', className: 'Workspace' },
  { type: 'Microsoft.Insights/components', sdk: '@azure/arm-appinsights', className: 'ApplicationInsightsComponent' },
];

const infra = join(__dirname, '..', '..', 'infra');
const bicepPaths = [
  join(infra, 'main.bicep'),
  ...readdirSync(join(infra, 'modules')).map((f) => join(infra, 'modules', f)),
];
const models = new Map<string, Mappers>();
const files = new Map<string, BicepFile>();

beforeAll(async () => {
  for (const sdk of new Set(MODELS.map((m) => m.sdk))) models.set(sdk, modelsOf(sdk));
  for (const path of bicepPaths) files.set(path, await readBicep(path));
});

const modelFor = (type: string, name?: string) =>
  MODELS.find((m) => m.type === type.split('@')[0] && (m.name === undefined || m.name === name));

describe('the ARM model check itself', () => {
  it('finds unknown, read-only and missing properties, wrong value kinds and values outside an enum', async () => {
    const sample = await readBicep(join(__dirname, 'fixtures', 'wrong-properties.bicep'));
    const [plan, account] = resources(sample);
    const appService = new ArmModelChecker(models.get('@azure/arm-appservice') as Mappers, sample);
    expect(appService.checkResource(plan?.body as never, 'AppServicePlan').map((f) => f.text)).toEqual([
      'AppServicePlan: unknown property sku2',
      'AppServicePlan.properties: unknown property reservd',
      'AppServicePlan.properties.perSiteScaling: true or false is expected',
      'AppServicePlan.properties: status is read-only',
    ]);
    const cosmos = new ArmModelChecker(models.get('@azure/arm-cosmosdb') as Mappers, sample);
    expect(
      cosmos.checkResource(account?.body as never, 'DatabaseAccountCreateUpdateParameters').map((f) => f.text),
    ).toEqual(
      expect.arrayContaining([
        "DatabaseAccountCreateUpdateParameters.properties.consistencyPolicy.defaultConsistencyLevel: 'Sesion' is not one of Eventual, Session, BoundedStaleness, Strong, ConsistentPrefix",
        'DatabaseAccountCreateUpdateParameters.properties: required locations missing',
      ]),
    );
  });
});

describe.each(bicepPaths.map((path) => [relative(infra, path), path]))('%s', (_label, path) => {
  it('declares only resource types the check knows', () => {
    const unknown = resources(files.get(path) as BicepFile).filter((r) => !modelFor(r.type, r.name));
    expect(unknown.map((r) => `${r.type} ${r.name ?? ''}`)).toEqual([]);
  });

  it('gives each resource the properties its ARM model has, and the ones it requires', () => {
    const file = files.get(path) as BicepFile;
    const findings = resources(file).flatMap((resource) => {
      const model = modelFor(resource.type, resource.name);
      if (!model || !resource.body || resource.existing) return [];
      const checker = new ArmModelChecker(models.get(model.sdk) as Mappers, file);
      return checker
        .checkResource(resource.body, model.className)
        .map((f) => `${f.line}: ${resource.symbol}: ${f.text}`);
    });
    expect(findings).toEqual([]);
  });
});

it('reads the models of every SDK (each has the model the table names)', () => {
  for (const { sdk, className } of MODELS) {
    expect({ sdk, className, kind: (models.get(sdk)?.[className] as Mapper | undefined)?.type.name }).toEqual({
      sdk,
      className,
      kind: 'Composite',
    });
  }
});
