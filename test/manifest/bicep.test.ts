import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type BicepFile,
  declaredNames,
  moduleCalls,
  moduleOutputsRead,
  outputNames,
  parameters,
  readBicep,
  resources,
  syntaxErrors,
  undeclaredNames,
  unknownFunctions,
  unusedDeclarations,
} from '../support/bicep';

/**
 * What the Bicep compiler would refuse, found with the Bicep grammar (see test/support/bicep.ts and
 * ADR 0008). Types and resource properties are not checked here: that needs the compiler's
 * resource type index, which only `az bicep build` has.
 */
const infra = join(__dirname, '..', '..', 'infra');
const bicepPaths = [
  join(infra, 'main.bicep'),
  ...readdirSync(join(infra, 'modules')).map((f) => join(infra, 'modules', f)),
];
const files = new Map<string, BicepFile>();
const name = (path: string): string => relative(infra, path);

beforeAll(async () => {
  for (const path of bicepPaths) files.set(path, await readBicep(path));
});
const file = (path: string): BicepFile => files.get(path) as BicepFile;

describe('the Bicep checks themselves', () => {
  // Each check must be able to fail: a broken file shows what every check reports.
  const broken = join(__dirname, 'fixtures', 'broken.bicep');
  let sample: BicepFile;
  beforeAll(async () => {
    sample = await readBicep(broken);
  });

  it('finds syntax errors', async () => {
    const unclosed = await readBicep(join(__dirname, 'fixtures', 'unclosed.bicep'));
    expect(syntaxErrors(unclosed).length).toBeGreaterThan(0);
    expect(syntaxErrors(sample)).toEqual([]);
  });

  it('finds names nobody declared, and leaves loop variables, lambda parameters and property keys alone', () => {
    expect(undeclaredNames(sample).map((f) => f.text)).toEqual(['missingVariable', 'notALoopVariable']);
  });

  it('finds unknown functions and decorators, and files a load function cannot find', () => {
    expect(unknownFunctions(sample).map((f) => f.text)).toEqual([
      '@descripton',
      'uniqeString',
      "loadJsonContent('no-such-file.json')",
    ]);
  });

  it('finds unused parameters and variables', () => {
    expect(unusedDeclarations(sample)).toEqual(['unusedParam', 'unusedVariable']);
  });

  it('reads module calls, the outputs read from them, and resource types', () => {
    expect(moduleCalls(sample).map((call) => [call.name, name(call.path), call.params])).toEqual([
      ['logs', 'modules/monitoring.bicep', ['location', 'workspaceNam']],
    ]);
    expect(Object.fromEntries([...moduleOutputsRead(sample)].map(([m, o]) => [m, o.map((f) => f.text)]))).toEqual({
      logs: ['workspaceId', 'workspaceKey'],
    });
    expect(resources(sample).map((r) => r.type)).toEqual(['Microsoft.Storage/storageAccounts@2023-05-01']);
    expect(parameters(sample).map((p) => [p.name, p.optional])).toEqual([
      ['location', true],
      ['unusedParam', false],
      ['items', true],
      ['maybe', true],
    ]);
  });
});

describe.each(bicepPaths.map((path) => [name(path), path]))('%s', (_label, path) => {
  it('parses without syntax errors', () => {
    expect(syntaxErrors(file(path))).toEqual([]);
  });

  it('uses only names it declares', () => {
    expect(undeclaredNames(file(path))).toEqual([]);
  });

  it("calls only Bicep's functions and decorators, and loads only files that exist", () => {
    expect(unknownFunctions(file(path))).toEqual([]);
  });

  it('uses every parameter and variable it declares', () => {
    expect(unusedDeclarations(file(path))).toEqual([]);
  });

  // Outputs have names of their own: `output name string = name` is allowed.
  it('declares each name once, and each output once', () => {
    const twice = (names: string[]): string[] => names.filter((n, i) => names.indexOf(n) !== i);
    const declarations = file(path).root.namedChildren.filter(
      (node) => node.type.endsWith('_declaration') && node.type !== 'output_declaration',
    );
    expect(declarations.length).toBe(declaredNames(file(path)).size);
    expect(twice(outputNames(file(path)))).toEqual([]);
  });

  it('names each resource type with a dated API version', () => {
    for (const resource of resources(file(path))) {
      expect(resource.type).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z]+(\/[A-Za-z]+)*@\d{4}-\d{2}-\d{2}(-preview)?$/);
    }
  });
});

describe('infra/main.bicep calls its modules as they are declared', () => {
  const main = (): BicepFile => file(join(infra, 'main.bicep'));

  it('calls every module in infra/modules', () => {
    const called = moduleCalls(main()).map((call) => call.path);
    expect([...called].sort()).toEqual(bicepPaths.filter((path) => path.includes('modules')).sort());
  });

  it.each(bicepPaths.filter((path) => path.includes('modules')).map((path) => [name(path), path]))(
    '%s: passes only parameters it has and every one it needs',
    (_label, path) => {
      const call = moduleCalls(main()).find((c) => c.path === path);
      const declared = parameters(file(path));
      expect(call?.params.filter((p) => !declared.some((d) => d.name === p))).toEqual([]);
      const required = declared.filter((d) => !d.optional).map((d) => d.name);
      expect(required.filter((p) => !call?.params.includes(p))).toEqual([]);
    },
  );

  it('reads only outputs the modules declare', () => {
    const calls = moduleCalls(main());
    for (const [module, read] of moduleOutputsRead(main())) {
      const path = calls.find((call) => call.name === module)?.path as string;
      const declared = outputNames(file(path));
      expect({ module, unknown: read.filter((o) => !declared.includes(o.text)) }).toEqual({ module, unknown: [] });
    }
  });
});
