import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Parser from 'web-tree-sitter';

/**
 * Bicep files read with the tree-sitter Bicep grammar (its WebAssembly build, so nothing native is
 * compiled). The Bicep compiler itself is a .NET binary downloaded from GitHub, which this machine
 * cannot reach (docs/adr/0008-bicep-checked-without-the-compiler.md); the grammar still finds what
 * the compiler would refuse first: syntax errors, names that are not declared, unknown functions,
 * and modules called with parameters they do not have.
 */
export interface BicepFile {
  path: string;
  root: Parser.SyntaxNode;
}

export interface BicepParameter {
  name: string;
  type: string;
  /** False when the caller must pass it: no default and not nullable (`string?`). */
  optional: boolean;
}

export interface ModuleCall {
  name: string;
  /** The module's file, resolved against the calling file. */
  path: string;
  params: string[];
  line: number;
}

export interface Finding {
  line: number;
  text: string;
}

/**
 * The functions and decorators of Bicep's `sys` and `az` namespaces (learn.microsoft.com,
 * "Bicep functions"); a misspelt name is an error the compiler would give (BCP057/BCP082).
 */
const BICEP_FUNCTIONS = new Set(
  (
    'any array base64 base64ToJson base64ToString bool buildUri cidrHost cidrSubnet coalesce concat contains ' +
    'dataUri dataUriToString dateTimeAdd dateTimeFromEpoch dateTimeToEpoch deployer deployment empty endsWith ' +
    'environment extensionResourceId fail filter first flatten format getSecret groupBy guid indexOf int ' +
    'intersection items join json last lastIndexOf length listAccountSas listKeys listSecrets ' +
    'loadFileAsBase64 loadJsonContent loadTextContent loadYamlContent managementGroup ' +
    'managementGroupResourceId map mapValues max min newGuid objectKeys padLeft parseCidr parseUri pickZones ' +
    'providers range readEnvironmentVariable reduce reference replace resourceGroup resourceId shallowMerge ' +
    'skip sort split startsWith string subscription subscriptionResourceId substring take tenant ' +
    'tenantResourceId toLogicalZone toLower toObject toPhysicalZone toUpper trim tryGet union uniqueString ' +
    'uri uriComponent uriComponentToString utcNow'
  ).split(' '),
);
const BICEP_DECORATORS = new Set(
  'allowed batchSize description discriminator export maxLength maxValue metadata minLength minValue sealed secure'.split(
    ' ',
  ),
);
/** Functions whose first argument is a file path, relative to the Bicep file. */
const FILE_FUNCTIONS = new Set(['loadFileAsBase64', 'loadJsonContent', 'loadTextContent', 'loadYamlContent']);
const NAMESPACES = new Set(['az', 'sys']);
const DECLARATIONS = new Set([
  'parameter_declaration',
  'variable_declaration',
  'resource_declaration',
  'module_declaration',
  'type_declaration',
  'user_defined_function',
]);

let language: Parser.Language | undefined;

/** Reads a Bicep file into its syntax tree. */
export async function readBicep(path: string): Promise<BicepFile> {
  if (!language) {
    await Parser.init();
    language = await Parser.Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
  }
  const parser = new Parser();
  parser.setLanguage(language);
  const tree = parser.parse(readFileSync(path, 'utf8'));
  parser.delete();
  return { path, root: tree.rootNode };
}

const line = (node: Parser.SyntaxNode): number => node.startPosition.row + 1;
const nameOf = (node: Parser.SyntaxNode): string =>
  (node.childForFieldName('name') ?? node.namedChildren.find((c) => c.type === 'identifier'))?.text ?? '';

function* walk(node: Parser.SyntaxNode): Generator<Parser.SyntaxNode> {
  yield node;
  for (const child of node.namedChildren) yield* walk(child);
}

/** What the grammar could not read: ERROR nodes and tokens it had to assume (MISSING). */
export function syntaxErrors(file: BicepFile): Finding[] {
  return [...walk(file.root)]
    .filter((node) => node.type === 'ERROR' || node.isMissing)
    .map((node) => ({ line: line(node), text: node.isMissing ? `missing ${node.type}` : node.text.slice(0, 60) }));
}

/** Top-level names a file declares (outputs are not referable, so they are not among them). */
export function declaredNames(file: BicepFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const node of file.root.namedChildren) {
    if (DECLARATIONS.has(node.type)) names.set(nameOf(node), node.type);
  }
  return names;
}

/** Names a loop or lambda brings into scope for its body. */
function localNames(node: Parser.SyntaxNode): string[] {
  if (node.type === 'for_statement') {
    const initializer = node.childForFieldName('initializer');
    if (initializer) return [initializer.text];
    const parameters = node.namedChildren.find((c) => c.type === 'for_loop_parameters');
    return parameters ? parameters.namedChildren.map((c) => c.text) : [];
  }
  if (node.type === 'lambda_expression') {
    const head = node.namedChildren[0];
    if (!head) return [];
    return head.type === 'identifier' ? [head.text] : head.namedChildren.map((c) => c.text);
  }
  if (node.type === 'user_defined_function') {
    const parameters = node.namedChildren.find((c) => c.type === 'parameters');
    return parameters ? parameters.namedChildren.map(nameOf) : [];
  }
  return [];
}

/** Whether an identifier names something (a declaration, a property key, a loop variable) instead of using it. */
function isDefinition(node: Parser.SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (DECLARATIONS.has(parent.type) || parent.type === 'output_declaration') return nameOf(parent) === node.text;
  if (parent.type === 'object_property') return parent.namedChildren[0]?.id === node.id;
  if (parent.type === 'for_statement') return parent.childForFieldName('initializer')?.id === node.id;
  if (parent.type === 'lambda_expression') return parent.namedChildren[0]?.id === node.id;
  if (parent.type === 'parenthesized_expression' && parent.parent?.type === 'lambda_expression') {
    return parent.parent.namedChildren[0]?.id === parent.id;
  }
  if (parent.type === 'call_expression') return parent.childForFieldName('function')?.id === node.id;
  if (parent.type === 'parameter') return true;
  return false;
}

/** Every identifier used as a value, with whether it resolves to a declaration or a local in scope. */
function references(file: BicepFile): { node: Parser.SyntaxNode; resolved: boolean }[] {
  const declared = declaredNames(file);
  const found: { node: Parser.SyntaxNode; resolved: boolean }[] = [];
  const visit = (node: Parser.SyntaxNode, locals: Set<string>): void => {
    const inner = new Set([...locals, ...localNames(node)]);
    if (node.type === 'identifier' && !isDefinition(node)) {
      const isNamespace =
        NAMESPACES.has(node.text) &&
        node.parent?.type === 'member_expression' &&
        node.parent.namedChildren[0]?.id === node.id;
      if (!isNamespace) found.push({ node, resolved: declared.has(node.text) || inner.has(node.text) });
    }
    for (const child of node.namedChildren) visit(child, inner);
  };
  visit(file.root, new Set());
  return found;
}

/** Names used but declared nowhere (BCP057). */
export function undeclaredNames(file: BicepFile): Finding[] {
  return references(file)
    .filter((reference) => !reference.resolved)
    .map(({ node }) => ({ line: line(node), text: node.text }));
}

/** Parameters and variables nothing uses (the linter rules no-unused-params and no-unused-vars). */
export function unusedDeclarations(file: BicepFile): string[] {
  const used = new Set(references(file).map(({ node }) => node.text));
  return [...declaredNames(file)]
    .filter(([name, kind]) => (kind === 'parameter_declaration' || kind === 'variable_declaration') && !used.has(name))
    .map(([name]) => name);
}

/** Functions and decorators that are not Bicep's, and file functions whose file is not there. */
export function unknownFunctions(file: BicepFile): Finding[] {
  const findings: Finding[] = [];
  for (const call of walk(file.root)) {
    if (call.type !== 'call_expression') continue;
    const callee = call.childForFieldName('function');
    if (!callee) continue;
    const isDecorator = call.parent?.type === 'decorator';
    // `az.resourceGroup()` and `sys.concat()` name the namespace; `vault.getSecret()` is a resource's method.
    const qualifier = callee.type === 'member_expression' ? callee.namedChildren[0]?.text : undefined;
    if (qualifier !== undefined && !NAMESPACES.has(qualifier)) continue;
    const name = callee.type === 'member_expression' ? (callee.namedChildren[1]?.text ?? '') : callee.text;
    if (!(isDecorator ? BICEP_DECORATORS : BICEP_FUNCTIONS).has(name)) {
      findings.push({ line: line(call), text: `${isDecorator ? '@' : ''}${name}` });
    } else if (FILE_FUNCTIONS.has(name)) {
      const argument = call.childForFieldName('arguments')?.namedChildren[0];
      const target = argument?.type === 'string' ? join(dirname(file.path), argument.text.slice(1, -1)) : undefined;
      if (!target || !existsSync(target)) findings.push({ line: line(call), text: `${name}(${argument?.text ?? ''})` });
    }
  }
  return findings;
}

export function parameters(file: BicepFile): BicepParameter[] {
  return file.root.namedChildren
    .filter((node) => node.type === 'parameter_declaration')
    .map((node) => {
      const type = node.namedChildren.find((c) => c.type === 'type');
      const nullable = type?.namedChildren[0]?.type === 'nullable_type';
      const hasDefault = node.namedChildren.indexOf(type as Parser.SyntaxNode) < node.namedChildren.length - 1;
      return { name: nameOf(node), type: type?.text ?? '', optional: nullable || hasDefault };
    });
}

export function outputNames(file: BicepFile): string[] {
  return file.root.namedChildren.filter((node) => node.type === 'output_declaration').map(nameOf);
}

/** The object literal a resource or module declares, through its `if (…)` or `[for …]`. */
function body(declaration: Parser.SyntaxNode): Parser.SyntaxNode | undefined {
  for (const child of declaration.namedChildren) {
    if (child.type === 'object') return child;
    if (child.type === 'if_statement' || child.type === 'for_statement') {
      return child.childForFieldName('body') ?? child.namedChildren.find((c) => c.type === 'object');
    }
  }
  return undefined;
}

function property(object: Parser.SyntaxNode | undefined, key: string): Parser.SyntaxNode | undefined {
  const entry = object?.namedChildren.find((c) => c.type === 'object_property' && c.namedChildren[0]?.text === key);
  return entry?.namedChildren[1];
}

export function moduleCalls(file: BicepFile): ModuleCall[] {
  return file.root.namedChildren
    .filter((node) => node.type === 'module_declaration')
    .map((node) => {
      const source = node.namedChildren.find((c) => c.type === 'string')?.text.slice(1, -1) ?? '';
      const params = property(body(node), 'params');
      return {
        name: nameOf(node),
        path: join(dirname(file.path), source),
        params:
          params?.type === 'object'
            ? params.namedChildren
                .filter((c) => c.type === 'object_property')
                .map((c) => c.namedChildren[0]?.text ?? '')
            : [],
        line: line(node),
      };
    });
}

/** Every `module.outputs.name` the file reads, by module. */
export function moduleOutputsRead(file: BicepFile): Map<string, Finding[]> {
  const modules = new Set(moduleCalls(file).map((call) => call.name));
  const read = new Map<string, Finding[]>();
  for (const node of walk(file.root)) {
    if (node.type !== 'member_expression') continue;
    const [object, output] = node.namedChildren;
    if (object?.type !== 'member_expression' || !output) continue;
    const [module, outputs] = object.namedChildren;
    if (!module || !modules.has(module.text) || outputs?.text !== 'outputs') continue;
    read.set(module.text, [...(read.get(module.text) ?? []), { line: line(node), text: output.text }]);
  }
  return read;
}

export interface ResourceDeclaration {
  symbol: string;
  /** 'Namespace/type@version'. */
  type: string;
  /** The resource's `name:` when it is plain text. */
  name?: string;
  body?: Parser.SyntaxNode;
  /** `existing`: a reference to a resource deployed elsewhere, with no request body. */
  existing: boolean;
  line: number;
}

export function resources(file: BicepFile): ResourceDeclaration[] {
  return file.root.namedChildren
    .filter((node) => node.type === 'resource_declaration')
    .map((node) => {
      const object = body(node);
      const name = property(object, 'name');
      const literal = name?.type === 'string' && !name.namedChildren.some((c) => c.type === 'interpolation');
      return {
        symbol: nameOf(node),
        type: node.namedChildren.find((c) => c.type === 'string')?.text.slice(1, -1) ?? '',
        ...(literal ? { name: name.text.slice(1, -1) } : {}),
        ...(object ? { body: object } : {}),
        existing: node.children.some((c) => c.type === 'existing'),
        line: line(node),
      };
    });
}
