import type { CompositeMapper, Mapper } from '@azure/core-client';
import type Parser from 'web-tree-sitter';
import type { BicepFile, Finding } from './bicep';

/**
 * Checks the bodies of Bicep resources against the ARM request models of Azure's management SDKs
 * (@azure/arm-*: generated from the same REST API specifications as Bicep's type index). What it
 * finds is what a deployment would refuse or `az bicep build` would warn about: a property the
 * resource does not have, a required one left out, a read-only one set, a value outside an enum,
 * an object where text belongs. Values that are expressions (parameters, functions) are not
 * followed; variables, `cond ? a : b` and `union(…)` are.
 */
export type Mappers = Record<string, Mapper>;

/** Resource keys that belong to the deployment, not to the resource's request body. */
const DEPLOYMENT_KEYS = new Set(['name', 'parent', 'scope', 'dependsOn']);

interface Property {
  /** The path of the property in the request body: 'properties.siteConfig' is ['properties', 'siteConfig']. */
  path: string[];
  mapper: Mapper;
}

const properties = (modelProperties: Record<string, Mapper>): Property[] =>
  Object.values(modelProperties)
    .filter((mapper) => mapper.serializedName)
    .map((mapper) => ({
      path: (mapper.serializedName as string).split(/(?<!\\)\./).map((part) => part.replace(/\\\./g, '.')),
      mapper,
    }));

const line = (node: Parser.SyntaxNode): number => node.startPosition.row + 1;
const stringValue = (node: Parser.SyntaxNode): string | undefined =>
  node.type === 'string' && !node.namedChildren.some((c) => c.type === 'interpolation')
    ? node.text.slice(1, -1)
    : undefined;
const keyOf = (entry: Parser.SyntaxNode): string => {
  const key = entry.namedChildren[0] as Parser.SyntaxNode;
  return key.type === 'string' ? key.text.slice(1, -1) : key.text;
};
const entries = (object: Parser.SyntaxNode): Parser.SyntaxNode[] =>
  object.namedChildren.filter((c) => c.type === 'object_property');

export class ArmModelChecker {
  private readonly findings: Finding[] = [];
  private readonly variables = new Map<string, Parser.SyntaxNode>();

  constructor(
    private readonly mappers: Mappers,
    file: BicepFile,
  ) {
    for (const node of file.root.namedChildren) {
      if (node.type === 'variable_declaration') {
        const [name, value] = node.namedChildren.filter((c) => c.type !== 'comment');
        if (name && value) this.variables.set(name.text, value);
      }
    }
  }

  /** Checks a resource's body against the model its request takes; returns what was found. */
  checkResource(body: Parser.SyntaxNode, className: string): Finding[] {
    const model = this.composite(className);
    const kept = properties(model.type.modelProperties ?? {});
    const objects = this.resolve(body).filter((node) => node.type === 'object');
    for (const object of objects) {
      const own = entries(object).filter((entry) => !DEPLOYMENT_KEYS.has(keyOf(entry)));
      this.checkEntries(object, own, kept, className);
    }
    return this.findings.splice(0);
  }

  private composite(className: string): CompositeMapper {
    const mapper = this.mappers[className];
    if (!mapper || mapper.type.name !== 'Composite') throw new Error(`No ARM model ${className}`);
    return mapper as CompositeMapper;
  }

  /** The literal nodes an expression can stand for: a variable's value, both branches of `?:`, the objects of `union`. */
  private resolve(node: Parser.SyntaxNode, seen = new Set<string>()): Parser.SyntaxNode[] {
    switch (node.type) {
      case 'identifier': {
        const value = this.variables.get(node.text);
        if (!value || seen.has(node.text)) return [];
        return this.resolve(value, new Set([...seen, node.text]));
      }
      case 'parenthesized_expression':
        return node.namedChildren.flatMap((c) => this.resolve(c, seen));
      case 'ternary_expression':
        return node.namedChildren.slice(1).flatMap((c) => this.resolve(c, seen));
      case 'call_expression':
        if (node.childForFieldName('function')?.text !== 'union') return [];
        return (node.childForFieldName('arguments')?.namedChildren ?? []).flatMap((c) => this.resolve(c, seen));
      case 'object':
      case 'array':
      case 'string':
      case 'number':
      case 'boolean':
        return [node];
      default:
        return [];
    }
  }

  private checkEntries(object: Parser.SyntaxNode, own: Parser.SyntaxNode[], kept: Property[], where: string): void {
    const keys = new Set(own.map(keyOf));
    for (const entry of own) {
      const key = keyOf(entry);
      const value = entry.namedChildren[1] as Parser.SyntaxNode;
      const matching = kept.filter((p) => p.path[0] === key);
      const exact = matching.find((p) => p.path.length === 1);
      if (matching.length === 0) {
        this.findings.push({ line: line(entry), text: `${where}: unknown property ${key}` });
      } else if (exact) {
        if (exact.mapper.readOnly) this.findings.push({ line: line(entry), text: `${where}: ${key} is read-only` });
        this.checkValue(value, exact.mapper, `${where}.${key}`);
      } else {
        // A flattened model: 'properties.serverFarmId' is `properties: { serverFarmId: … }` in the body.
        const nested = matching.map((p) => ({ path: p.path.slice(1), mapper: p.mapper }));
        for (const inner of this.resolve(value)) {
          if (inner.type === 'object') this.checkEntries(inner, entries(inner), nested, `${where}.${key}`);
          else this.findings.push({ line: line(inner), text: `${where}.${key}: an object is expected` });
        }
      }
    }
    const missing = new Set(
      kept
        .filter((p) => p.mapper.required && !p.mapper.readOnly && p.mapper.defaultValue === undefined)
        .filter((p) => !(p.mapper as { isConstant?: boolean }).isConstant)
        .map((p) => p.path[0] as string)
        .filter((first) => !keys.has(first)),
    );
    for (const key of missing) this.findings.push({ line: line(object), text: `${where}: required ${key} missing` });
  }

  private checkValue(value: Parser.SyntaxNode, mapper: Mapper, where: string): void {
    const type = mapper.type;
    for (const node of this.resolve(value)) {
      const at = line(node);
      switch (type.name) {
        case 'Composite': {
          if (node.type !== 'object') {
            this.findings.push({ line: at, text: `${where}: an object is expected` });
            break;
          }
          const className = this.polymorphicClass(node, type.className as string);
          const model = properties(this.composite(className).type.modelProperties ?? {});
          this.checkEntries(node, entries(node), model, where);
          break;
        }
        case 'Sequence':
          if (node.type !== 'array') this.findings.push({ line: at, text: `${where}: a list is expected` });
          else for (const element of node.namedChildren) this.checkValue(element, type.element, `${where}[]`);
          break;
        case 'Dictionary':
          if (node.type !== 'object') this.findings.push({ line: at, text: `${where}: an object is expected` });
          else
            for (const entry of entries(node))
              this.checkValue(entry.namedChildren[1] as Parser.SyntaxNode, type.value, where);
          break;
        case 'Enum': {
          const text = stringValue(node);
          const allowed = type.allowedValues.map(String);
          if (text !== undefined && !allowed.some((a) => a.toLowerCase() === text.toLowerCase())) {
            this.findings.push({ line: at, text: `${where}: '${text}' is not one of ${allowed.join(', ')}` });
          }
          break;
        }
        case 'String':
        case 'Uuid':
        case 'DateTime':
          if (node.type !== 'string') this.findings.push({ line: at, text: `${where}: text is expected` });
          break;
        case 'Number':
          if (node.type !== 'number') this.findings.push({ line: at, text: `${where}: a number is expected` });
          break;
        case 'Boolean':
          if (node.type !== 'boolean') this.findings.push({ line: at, text: `${where}: true or false is expected` });
          break;
        default:
          break;
      }
    }
  }

  /** A polymorphic model's subtype, named by its discriminator: `channelName: 'MsTeamsChannel'`. */
  private polymorphicClass(object: Parser.SyntaxNode, className: string): string {
    const model = this.composite(className).type;
    const discriminator = model.polymorphicDiscriminator;
    if (!discriminator) return className;
    const entry = entries(object).find((e) => keyOf(e) === discriminator.serializedName);
    const value = entry ? stringValue(entry.namedChildren[1] as Parser.SyntaxNode) : undefined;
    const discriminators = this.mappers.discriminators as unknown as Record<string, Mapper> | undefined;
    const subtype = value ? discriminators?.[`${model.uberParent ?? className}.${value}`] : undefined;
    return (subtype?.type as { className?: string } | undefined)?.className ?? className;
  }
}
