import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  parse,
  typeFromAST,
  valueFromAST,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { MUTATION_FIELD_WEIGHT, SERVER_PAGE_CAP, UNDECLARED_LIST_SIZE } from './settings.js';

/**
 * The demand-control declarations of one field, as the subgraphs state them with Federation's
 * `@cost(weight:)` and `@listSize(assumedSize:, slicingArguments:, sizedFields:)` and composition
 * carries into the supergraph.
 */
export interface FieldCostDeclaration {
  weight?: number;
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** Declarations by `Type.field`. */
export type CostDeclarations = ReadonlyMap<string, FieldCostDeclaration>;

function argumentOf(directive: DirectiveNode, name: string) {
  return directive.arguments?.find((argument) => argument.name.value === name)?.value;
}

function intArgument(directive: DirectiveNode, name: string): number | undefined {
  const value = argumentOf(directive, name);
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}

function stringListArgument(directive: DirectiveNode, name: string): string[] | undefined {
  const value = argumentOf(directive, name);
  if (value?.kind !== Kind.LIST) return undefined;
  return value.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : []));
}

/** Reads `@cost` and `@listSize` from the supergraph's SDL (the API schema the gateway serves drops them). */
export function costDeclarationsOf(supergraphSdl: string): Map<string, FieldCostDeclaration> {
  const declarations = new Map<string, FieldCostDeclaration>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const declaration: FieldCostDeclaration = {};
      for (const directive of field.directives ?? []) {
        if (directive.name.value === 'cost') declaration.weight = intArgument(directive, 'weight');
        if (directive.name.value === 'listSize') {
          declaration.assumedSize = intArgument(directive, 'assumedSize');
          declaration.slicingArguments = stringListArgument(directive, 'slicingArguments');
          declaration.sizedFields = stringListArgument(directive, 'sizedFields');
        }
      }
      if (Object.values(declaration).some((value) => value !== undefined)) declarations.set(`${definition.name.value}.${field.name.value}`, declaration);
    }
  }
  return declarations;
}

type Variables = Readonly<Record<string, unknown>>;

/**
 * An upper bound of the work an operation asks for, in the spirit of Apollo's demand control: each
 * object the answer may hold costs 1 (scalars and enums 0), each mutation field 10, and a list
 * multiplies what is under it by its size: the value of its slicing argument (`first`, capped as the
 * server caps it, from the literal or the request's variables), else its declared `assumedSize`, else
 * the page cap. With `sizedFields` (a connection), the size applies to those children (`edges`).
 * Fragments are expanded; each fragment is costed once per sizing context, so nesting them stays linear.
 */
export class CostEstimator {
  private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  private readonly fragmentCosts = new Map<string, number>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly declarations: CostDeclarations,
    private readonly variables: Variables = {},
  ) {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    this.fragments = fragments;
  }

  operationCost(operation: OperationDefinitionNode): number {
    const rootType = this.schema.getRootType(operation.operation);
    if (!rootType) return 0;
    const rootWeight = operation.operation === 'mutation' ? MUTATION_FIELD_WEIGHT : undefined;
    return this.selectionSetCost(operation.selectionSet, rootType, new Map(), rootWeight);
  }

  /** The cost of one instance of `parentType` with this selection; `sizing` holds the sizes a connection gave its sized children. */
  private selectionSetCost(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, sizing: ReadonlyMap<string, number>, rootWeight?: number): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) cost += this.fieldCost(selection, parentType, sizing, rootWeight);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (typeFromAST(this.schema, selection.typeCondition) as GraphQLCompositeType | undefined) : parentType;
        cost += this.selectionSetCost(selection.selectionSet, type ?? parentType, sizing, rootWeight);
      } else cost += this.fragmentCost(selection.name.value, parentType, sizing, rootWeight);
    }
    return cost;
  }

  private fragmentCost(name: string, parentType: GraphQLCompositeType, sizing: ReadonlyMap<string, number>, rootWeight?: number): number {
    const key = `${name}|${[...sizing].join(',')}|${rootWeight ?? ''}`;
    const known = this.fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    if (!fragment) return 0;
    // A cycle (refused by validation anyway) meets its own entry and counts 0 instead of recursing forever.
    this.fragmentCosts.set(key, 0);
    const type = (typeFromAST(this.schema, fragment.typeCondition) as GraphQLCompositeType | undefined) ?? parentType;
    const cost = this.selectionSetCost(fragment.selectionSet, type, sizing, rootWeight);
    this.fragmentCosts.set(key, cost);
    return cost;
  }

  private fieldCost(node: FieldNode, parentType: GraphQLCompositeType, sizing: ReadonlyMap<string, number>, rootWeight?: number): number {
    // Introspection is bounded by the schema's size, and tools (IDEs, codegen) send it whole.
    if (node.name.value.startsWith('__')) return 0;
    const field = 'getFields' in parentType ? parentType.getFields()[node.name.value] : undefined;
    if (!field) return 0;
    const declaration = this.declarations.get(`${parentType.name}.${field.name}`) ?? {};
    const namedType = getNamedType(field.type);
    const weight = declaration.weight ?? rootWeight ?? (isCompositeType(namedType) ? 1 : 0);
    const size = this.listSize(node, field, declaration);
    const ownMultiplier = isListType(getNullableType(field.type)) ? (sizing.get(field.name) ?? (declaration.sizedFields ? 1 : size)) : 1;
    const childSizing = new Map((declaration.sizedFields ?? []).map((name) => [name, size]));
    const childCost = node.selectionSet && isCompositeType(namedType) ? this.selectionSetCost(node.selectionSet, namedType, childSizing) : 0;
    return ownMultiplier * (weight + childCost);
  }

  private listSize(node: FieldNode, field: GraphQLField<unknown, unknown>, declaration: FieldCostDeclaration): number {
    for (const name of declaration.slicingArguments ?? []) {
      const given = this.argumentValue(node, field, name);
      if (typeof given === 'number') return Math.max(0, Math.min(given, SERVER_PAGE_CAP));
    }
    return declaration.assumedSize ?? UNDECLARED_LIST_SIZE;
  }

  private argumentValue(node: FieldNode, field: GraphQLField<unknown, unknown>, name: string): unknown {
    const argument = node.arguments?.find((candidate) => candidate.name.value === name);
    const definition = field.args.find((candidate) => candidate.name === name);
    if (!argument || !definition) return definition?.defaultValue;
    return valueFromAST(argument.value, definition.type, this.variables as Record<string, unknown>);
  }
}

/** The estimated cost of `operation`; see CostEstimator. */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, declarations: CostDeclarations, variables?: Variables): number {
  return new CostEstimator(schema, document, declarations, variables).operationCost(operation);
}
