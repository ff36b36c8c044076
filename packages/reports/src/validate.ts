import {
  getNamedType,
  GraphQLError,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionNode,
} from 'graphql';
import { OPERATORS_WITH_VALUE, type ReportCondition, type ReportDefinition } from './model.js';
import { chosenOperation, fieldsAt, fragmentsOf, pagingVariable, subSelections } from './selection.js';
import { isRelativeInstant } from './variables.js';

/** What is wrong with a report, and where in the input (e.g. `input.columns[2].path`). */
export interface ReportProblem {
  at: string;
  message: string;
}

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
const MAX_OPERATION_LENGTH = 20_000;

interface Walk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

interface Located {
  type: GraphQLOutputType;
  selections: SelectionNode[];
  fields: FieldNode[];
}

/** Follows response keys from a type and its selections; undefined when a key is not selected there. */
function follow(walk: Walk, from: { type: GraphQLObjectType; selections: readonly SelectionNode[] }, keys: readonly string[]): Located | undefined {
  let parent = from.type;
  let selections = [...from.selections];
  let located: Located | undefined;
  for (const [index, key] of keys.entries()) {
    const fields = fieldsAt(selections, key, walk.fragments);
    const definition = fields[0] && parent.getFields()[fields[0].name.value];
    if (!definition) return undefined;
    located = { type: definition.type, selections: subSelections(fields), fields };
    const named = getNamedType(definition.type);
    selections = located.selections;
    if (isObjectType(named)) parent = named;
    else if (index < keys.length - 1) return undefined;
  }
  return located;
}

const unwrapNonNull = (type: GraphQLOutputType): GraphQLOutputType => (isNonNullType(type) ? type.ofType : type);

/** Where a report's rows come from: the row type and selections, and whether the runner pages (and with which variable). */
interface RowSource {
  rowType: GraphQLObjectType;
  rowSelections: SelectionNode[];
}

function rowSource(walk: Walk, rootType: GraphQLObjectType, rootSelections: readonly SelectionNode[], rowsAt: string, problems: ReportProblem[]): RowSource | undefined {
  const list = follow(walk, { type: rootType, selections: rootSelections }, rowsAt.split('.'));
  if (!list) {
    problems.push({ at: 'input.rowsAt', message: `"${rowsAt}" is not a field the operation selects (give response keys from the root, dot-separated, e.g. "residents")` });
    return undefined;
  }
  const type = unwrapNonNull(list.type);
  if (isListType(type)) {
    const element = getNamedType(type);
    if (!isObjectType(element)) {
      problems.push({ at: 'input.rowsAt', message: `"${rowsAt}" is a list of ${element.name}, not of records` });
      return undefined;
    }
    return { rowType: element, rowSelections: list.selections };
  }
  const connection = getNamedType(type);
  const edges = isObjectType(connection) ? follow(walk, { type: connection, selections: list.selections }, ['edges', 'node']) : undefined;
  const node = edges && getNamedType(edges.type);
  if (!isObjectType(connection) || !node || !isObjectType(node)) {
    problems.push({ at: 'input.rowsAt', message: `"${rowsAt}" is neither a list nor a connection whose edges { node { ... } } the operation selects` });
    return undefined;
  }
  const pageInfo = ['hasNextPage', 'endCursor'].every((key) => follow(walk, { type: connection, selections: list.selections }, ['pageInfo', key]));
  if (!pageInfo || !pagingVariable(list.fields)) {
    problems.push({ at: 'input.rowsAt', message: `"${rowsAt}" is a connection: to read every page the operation must pass a variable as its after argument (after: $after) and select pageInfo { hasNextPage endCursor }` });
  }
  return { rowType: node, rowSelections: edges.selections };
}

function checkCondition(condition: ReportCondition, at: string, columns: ReadonlySet<string>, problems: ReportProblem[]): void {
  if (!columns.has(condition.column)) problems.push({ at: `${at}.column`, message: `"${condition.column}" is not one of the report's column keys` });
  const needsValue = OPERATORS_WITH_VALUE.includes(condition.operator);
  if (needsValue && (condition.value === null || condition.value === undefined)) problems.push({ at: `${at}.value`, message: `${condition.operator} compares with a value; give one` });
  if (!needsValue && condition.value !== null && condition.value !== undefined) problems.push({ at: `${at}.value`, message: `${condition.operator} takes no value` });
}

function checkVariables(definition: ReportDefinition, document: DocumentNode, problems: ReportProblem[]): void {
  const operation = chosenOperation(document, definition.operationName)!;
  const declared = new Map((operation.variableDefinitions ?? []).map((variable) => [variable.variable.name.value, variable]));
  for (const [name, value] of Object.entries(definition.variables)) {
    if (!declared.has(name)) problems.push({ at: `input.variables.${name}`, message: `the operation declares no $${name}` });
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && '$daysAgo' in value && !isRelativeInstant(value)) {
      problems.push({ at: `input.variables.${name}`, message: '{ "$daysAgo": n } takes a whole number of days from 0 to 3660' });
    }
  }
  for (const [name, variable] of declared) {
    if (variable.type.kind === 'NonNullType' && !variable.defaultValue && !(name in definition.variables)) {
      problems.push({ at: `input.variables.${name}`, message: `$${name} is required by the operation and has no saved value` });
    }
  }
}

function parsed(operation: string, problems: ReportProblem[]): DocumentNode | undefined {
  if (operation.length > MAX_OPERATION_LENGTH) {
    problems.push({ at: 'input.operation', message: `at most ${MAX_OPERATION_LENGTH} characters` });
    return undefined;
  }
  try {
    return parse(operation);
  } catch (error) {
    problems.push({ at: 'input.operation', message: (error as GraphQLError).message });
    return undefined;
  }
}

function checkStructure(definition: ReportDefinition, problems: ReportProblem[]): void {
  const keys = [...definition.columns.map((column) => column.key), ...definition.aggregates.map((aggregate) => aggregate.key)];
  keys.forEach((key, index) => {
    if (!KEY.test(key)) problems.push({ at: index < definition.columns.length ? `input.columns[${index}].key` : `input.aggregates[${index - definition.columns.length}].key`, message: `"${key}" is not a key: a letter, then letters, digits or _, at most 50` });
    else if (keys.indexOf(key) !== index) problems.push({ at: index < definition.columns.length ? `input.columns[${index}].key` : `input.aggregates[${index - definition.columns.length}].key`, message: `"${key}" is used twice` });
  });
  if (definition.columns.length === 0) problems.push({ at: 'input.columns', message: 'a report takes at least one column' });
  const columnKeys = new Set(definition.columns.map((column) => column.key));
  definition.columns.forEach((column, index) => {
    if (column.prefix !== null && (!Number.isInteger(column.prefix) || column.prefix < 1 || column.prefix > 100)) problems.push({ at: `input.columns[${index}].prefix`, message: 'a whole number of characters from 1 to 100' });
  });
  definition.where.forEach((condition, index) => checkCondition(condition, `input.where[${index}]`, columnKeys, problems));
  definition.groupBy.forEach((key, index) => {
    if (!columnKeys.has(key)) problems.push({ at: `input.groupBy[${index}]`, message: `"${key}" is not one of the report's column keys` });
  });
  if (definition.groupBy.length > 0 && definition.aggregates.length === 0) problems.push({ at: 'input.aggregates', message: 'a grouped report counts something: give at least one aggregate' });
  definition.aggregates.forEach((aggregate, index) => {
    const at = `input.aggregates[${index}]`;
    if (aggregate.kind === 'COUNT_WHERE' && !aggregate.condition) problems.push({ at: `${at}.condition`, message: 'COUNT_WHERE counts the rows meeting a condition; give it' });
    if (aggregate.kind === 'COUNT' && aggregate.condition) problems.push({ at: `${at}.condition`, message: 'COUNT counts every row of the group; use COUNT_WHERE for a condition' });
    if (aggregate.condition) checkCondition(aggregate.condition, `${at}.condition`, columnKeys, problems);
  });
}

/**
 * Every problem of a report definition against the composed API schema: the operation parses, is one
 * query and validates; its variables are declared and the required ones saved; rowsAt names a list or a
 * pageable connection it selects; every column's path ends at a value it selects; conditions, grouping
 * and counts name the report's own columns. Empty when the report can be saved.
 */
export function reportProblems(schema: GraphQLSchema, definition: ReportDefinition): ReportProblem[] {
  const problems: ReportProblem[] = [];
  checkStructure(definition, problems);
  const document = parsed(definition.operation, problems);
  if (!document) return problems;
  const operation = chosenOperation(document, definition.operationName);
  if (!operation) {
    problems.push({ at: definition.operationName ? 'input.operationName' : 'input.operation', message: definition.operationName ? `the document has no operation named ${definition.operationName}` : 'the document holds several operations: name the one to run (operationName)' });
    return problems;
  }
  if (operation.operation !== 'query') {
    problems.push({ at: 'input.operation', message: `a report runs a query, not a ${operation.operation}` });
    return problems;
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return [...problems, ...invalid.map((error) => ({ at: 'input.operation', message: error.message + (error.locations?.[0] ? ` (line ${error.locations[0].line}, column ${error.locations[0].column})` : '') }))];
  checkVariables(definition, document, problems);
  const walk = { schema, fragments: fragmentsOf(document) };
  const rows = rowSource(walk, schema.getQueryType()!, operation.selectionSet.selections, definition.rowsAt, problems);
  if (!rows) return problems;
  definition.columns.forEach((column, index) => {
    const leaf = follow(walk, { type: rows.rowType, selections: rows.rowSelections }, column.path.split('.'));
    if (!leaf || !isLeafType(getNamedType(leaf.type))) {
      problems.push({ at: `input.columns[${index}].path`, message: `"${column.path}" does not lead from a row (${rows.rowType.name}) to a value the operation selects` });
    }
  });
  return problems;
}
