import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { CLASSIFICATIONS, type Classification } from './classification.js';

/** What the policy validator knows of one field of the composed schema. */
export interface FieldInfo {
  type: string;
  field: string;
  /** The named type of the field's value, lists and non-null unwrapped. */
  valueType: string;
  nullable: boolean;
  classification: Classification;
  /** The subgraph that resolves the field (from the supergraph's join directives), when one does alone. */
  subgraph?: string;
}

export interface TypeInfo {
  fields: Map<string, FieldInfo>;
  /** Whether records of this type carry a grid code, which jurisdiction scope needs. */
  placeScoped: boolean;
}

export type FieldCatalog = Map<string, TypeInfo>;

export const CLASSIFICATION_TAG_PREFIX = 'classification:';

function namedType(node: TypeNode): string {
  return node.kind === Kind.NAMED_TYPE ? node.name.value : namedType(node.type);
}

export function classificationOf(field: FieldDefinitionNode): Classification {
  for (const directive of field.directives ?? []) {
    if (directive.name.value !== 'tag') continue;
    const name = directive.arguments?.find((a) => a.name.value === 'name')?.value;
    if (name?.kind !== Kind.STRING || !name.value.startsWith(CLASSIFICATION_TAG_PREFIX)) continue;
    const level = name.value.slice(CLASSIFICATION_TAG_PREFIX.length);
    if ((CLASSIFICATIONS as readonly string[]).includes(level)) return level as Classification;
  }
  return 'public';
}

function joinGraphs(directives: readonly ConstDirectiveNode[] | undefined, name: string): string[] {
  return (directives ?? [])
    .filter((d) => d.name.value === name)
    .map((d) => d.arguments?.find((a) => a.name.value === 'graph')?.value)
    .flatMap((v) => (v?.kind === Kind.ENUM ? [v.value.toLowerCase()] : []));
}

const FEDERATION_TYPE = /^(join__|link__|_)/;

/**
 * Reads the object types and fields of an SDL (a subgraph's or the composed supergraph's) with their
 * classifications, which `@Classified` declares as `@tag(name: "classification:<level>")`.
 */
export function catalogOf(sdl: string): FieldCatalog {
  const catalog: FieldCatalog = new Map();
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeName = definition.name.value;
    // Mutation fields are actions the policy governs (actions.ts); queries only lead to the fields read.
    if (FEDERATION_TYPE.test(typeName) || ['Query', 'Subscription'].includes(typeName)) continue;
    const info = catalog.get(typeName) ?? { fields: new Map<string, FieldInfo>(), placeScoped: false };
    const typeGraphs = joinGraphs(definition.directives, 'join__type');
    for (const field of definition.fields ?? []) {
      const fieldGraphs = joinGraphs(field.directives, 'join__field');
      const graphs = fieldGraphs.length ? fieldGraphs : typeGraphs;
      const previous = info.fields.get(field.name.value);
      const classification = classificationOf(field);
      info.fields.set(field.name.value, {
        type: typeName,
        field: field.name.value,
        valueType: namedType(field.type),
        nullable: field.type.kind !== Kind.NON_NULL_TYPE,
        classification: previous && previous.classification !== 'public' ? previous.classification : classification,
        ...(graphs.length === 1 ? { subgraph: graphs[0]! } : {}),
      });
      if (field.name.value === 'gridCode') info.placeScoped = true;
    }
    catalog.set(typeName, info);
  }
  return catalog;
}

export function classifiedFields(catalog: FieldCatalog): Set<string> {
  const set = new Set<string>();
  for (const [typeName, info] of catalog) {
    for (const [fieldName, field] of info.fields) if (field.classification !== 'public') set.add(`${typeName}.${fieldName}`);
  }
  return set;
}
