/**
 * The settings the app reads, found in its source (TypeScript compiler API, no regex guessing):
 * - the keys of the zod object `envSchema` in src/config.ts (the one env reader);
 * - the keys of `graphEnvSchema` in src/adapters/graph/index.ts (graphOptionsFromEnv);
 * - the names reminderSettingsFromEnv in src/app/reminders.ts passes to its readers;
 * - any other direct read `env.NAME` / `env['NAME']` in src/ and bot/ (OUTBOX_DIR, GRAPH_MAILBOX).
 * Used by test/manifest/infra.test.ts (README and Bicep agree with the code) and test/ops.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const ROOT = join(__dirname, '..', '..');

export const readRepoFile = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readRepoFile(path), ts.ScriptTarget.ES2022, true);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** The keys of the first `z.object({...})` inside the initializer of `const <variable>`. */
export function zodObjectKeys(path: string, variable: string): string[] {
  let keys: string[] | undefined;
  walk(parse(path), (node) => {
    if (keys || !ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || node.name.text !== variable) return;
    walk(node, (inner) => {
      if (keys || !ts.isCallExpression(inner)) return;
      const callee = inner.expression;
      const argument = inner.arguments[0];
      if (
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === 'object' &&
        callee.expression.getText() === 'z' &&
        argument &&
        ts.isObjectLiteralExpression(argument)
      ) {
        keys = argument.properties.flatMap((property) => {
          const name = property.name ? propertyName(property.name) : undefined;
          return name ? [name] : [];
        });
      }
    });
  });
  if (!keys) throw new Error(`no z.object({...}) in const ${variable} of ${path}`);
  return keys;
}

/** Upper-case string literals passed to calls inside `function <name>` (the env readers' names). */
export function settingLiteralsInFunction(path: string, functionName: string): string[] {
  const found = new Set<string>();
  let seen = false;
  walk(parse(path), (node) => {
    if (!ts.isFunctionDeclaration(node) || node.name?.text !== functionName) return;
    seen = true;
    walk(node, (inner) => {
      if (!ts.isCallExpression(inner)) return;
      for (const argument of inner.arguments) {
        if (ts.isStringLiteral(argument) && SETTING_NAME.test(argument.text)) found.add(argument.text);
      }
    });
  });
  if (!seen) throw new Error(`no function ${functionName} in ${path}`);
  return [...found];
}

/** `env.NAME`, `process.env.NAME`, `options.env.NAME` and `env['NAME']` in one file. */
export function directEnvReads(path: string): string[] {
  const found = new Set<string>();
  const isEnv = (expression: ts.Expression): boolean =>
    (ts.isIdentifier(expression) && expression.text === 'env') ||
    (ts.isPropertyAccessExpression(expression) && expression.name.text === 'env');
  walk(parse(path), (node) => {
    if (ts.isPropertyAccessExpression(node) && isEnv(node.expression) && SETTING_NAME.test(node.name.text)) {
      found.add(node.name.text);
    }
    if (
      ts.isElementAccessExpression(node) &&
      isEnv(node.expression) &&
      ts.isStringLiteral(node.argumentExpression) &&
      SETTING_NAME.test(node.argumentExpression.text)
    ) {
      found.add(node.argumentExpression.text);
    }
  });
  return [...found];
}

function sourceFiles(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

export type SettingSource = 'config' | 'graph' | 'reminders' | 'direct';

export interface SettingRead {
  name: string;
  source: SettingSource;
  file: string;
}

/** Every setting the running app (src/ and bot/) reads from the environment, with where. */
export function settingsReadByApp(): SettingRead[] {
  const reads: SettingRead[] = [];
  const add = (names: string[], source: SettingSource, file: string): void => {
    for (const name of names) if (!reads.some((read) => read.name === name)) reads.push({ name, source, file });
  };
  add(zodObjectKeys('src/config.ts', 'envSchema'), 'config', 'src/config.ts');
  add(zodObjectKeys('src/adapters/graph/index.ts', 'graphEnvSchema'), 'graph', 'src/adapters/graph/index.ts');
  add(
    settingLiteralsInFunction('src/app/reminders.ts', 'reminderSettingsFromEnv'),
    'reminders',
    'src/app/reminders.ts',
  );
  for (const file of [...sourceFiles('src'), ...sourceFiles('bot')]) {
    add(directEnvReads(file), 'direct', relative(ROOT, join(ROOT, file)));
  }
  return reads;
}

/** The rows of the first table under `## Settings` in README.md: setting names (in backticks) per row. */
export function readmeSettingsTable(): { names: string[]; rows: string[] } {
  const readme = readRepoFile('README.md');
  const start = readme.indexOf('\n## Settings');
  if (start < 0) throw new Error('README.md has no "## Settings" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  const names = rows.flatMap((row) =>
    [...(row.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1] as string),
  );
  return { names, rows };
}
