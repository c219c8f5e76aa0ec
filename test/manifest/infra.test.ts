import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTAINERS } from '../../src/adapters/cosmos/containers';
import { parseEnvFile } from '../../scripts/package-app';

/**
 * Bicep cannot run here (no az CLI), so these tests keep the deployment files consistent with the
 * code and with each other: the Cosmos layout, the app settings the bot reads, and every
 * ${{VARIABLE}} the Agents Toolkit must be able to fill.
 */
const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const placeholders = (text: string): string[] =>
  [...text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1] as string);

describe('infra', () => {
  it('creates the Cosmos DB containers exactly as the store defines them', () => {
    const infra = JSON.parse(read('infra/cosmos-containers.json')) as { containers: unknown[] };
    expect(infra.containers).toEqual(JSON.parse(JSON.stringify(CONTAINERS)));
    expect(read('infra/modules/cosmos.bicep')).toContain("loadJsonContent('../cosmos-containers.json')");
  });

  it('gives the web app every setting the bot reads in Azure', () => {
    const main = read('infra/main.bicep');
    for (const name of [
      'MICROSOFT_APP_ID',
      'MICROSOFT_APP_TENANT_ID',
      'MICROSOFT_APP_TYPE',
      'MICROSOFT_APP_PASSWORD',
      'STORE',
      'COSMOS_ENDPOINT',
      'COSMOS_DATABASE',
      'COSMOS_CREATE_IF_MISSING',
      'GRAPH_TENANT_ID',
      'GRAPH_CLIENT_ID',
      'GRAPH_CLIENT_SECRET',
      'GRAPH_MAILBOX',
      'LOG_LEVEL',
      'HOST',
    ]) {
      expect(main).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
    }
    // Secrets only as Key Vault references, never as plain parameters in settings.
    expect(main).toMatch(/MICROSOFT_APP_PASSWORD: isMsi \? '' : vault\.outputs\.botSecretReference/);
    expect(read('infra/modules/keyvault.bicep')).toContain('@Microsoft.KeyVault(VaultName=');
    const web = read('infra/modules/appservice.bicep');
    expect(web).toContain("healthCheckPath: '/healthz'");
    expect(web).toContain('alwaysOn: true');
    expect(web).toContain("param linuxFxVersion string = 'NODE|20-lts'");
  });

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
