import { badUserInput } from '@civic/runtime';
import {
  defaultFieldResolver,
  GraphQLScalarType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type ConstDirectiveNode,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { Directive } from 'type-graphql';
import { rejectControlCharacters, requireId, requireMaxLength } from './validation.js';

/**
 * One guard for every argument of every field, before any resolver sees it: text is bounded and free
 * of control characters, ids are ids, lists are bounded, and a custom scalar's bad value (a DateTime
 * that is no date) is refused naming the argument. The limits are declared next to the field with
 * `@InputLimit`; without one, the defaults below hold.
 */
export const DEFAULT_MAX_TEXT_LENGTH = 200;
export const DEFAULT_MAX_LIST_ITEMS = 100;

const LIMIT_TAG = /^(maxLength|maxItems):(\d+)$/;

/**
 * Declares a text argument's or input field's length cap, or a list's item cap, as a federation
 * `@tag` (like `@Classified`), so the limit is in the schema integrators read.
 */
export function InputLimit(limit: { maxLength?: number; maxItems?: number }): PropertyDecorator & ParameterDecorator & MethodDecorator {
  const tags = Object.entries(limit).map(([name, value]) => Directive(`@tag(name: "${name}:${value}")`));
  return ((...args: Parameters<PropertyDecorator & ParameterDecorator>) => {
    for (const tag of tags) (tag as (...a: unknown[]) => void)(...args);
  }) as PropertyDecorator & ParameterDecorator & MethodDecorator;
}

interface Limits {
  maxLength: number;
  maxItems: number;
}

function limitsOf(directives: readonly ConstDirectiveNode[] | undefined): Limits {
  const limits: Limits = { maxLength: DEFAULT_MAX_TEXT_LENGTH, maxItems: DEFAULT_MAX_LIST_ITEMS };
  for (const directive of directives ?? []) {
    if (directive.name.value !== 'tag') continue;
    const name: ValueNode | undefined = directive.arguments?.find((a) => a.name.value === 'name')?.value;
    const match = name?.kind === Kind.STRING ? LIMIT_TAG.exec(name.value) : null;
    if (match) limits[match[1] as keyof Limits] = Number(match[2]);
  }
  return limits;
}

/**
 * What a lenient custom scalar hands over instead of throwing: the guard turns it into BAD_USER_INPUT
 * naming the argument. A scalar that threw would fail the whole operation before any resolver ran,
 * as a validation error with no path, which the gateway can only pass on as an internal error.
 */
export class InvalidScalarValue {
  constructor(
    readonly scalar: string,
    readonly reason: string,
  ) {}
}

/** The same scalar, whose parse failures become InvalidScalarValue for the guard to report. */
export function lenientScalar(scalar: GraphQLScalarType): GraphQLScalarType {
  const config = scalar.toConfig();
  const parse = <A extends unknown[]>(parser: (...args: A) => unknown) => (...args: A) => {
    try {
      return parser(...args);
    } catch (error) {
      return new InvalidScalarValue(scalar.name, error instanceof Error ? error.message : String(error));
    }
  };
  return new GraphQLScalarType({
    ...config,
    parseValue: parse(config.parseValue ?? ((value: unknown) => value)),
    parseLiteral: parse(config.parseLiteral ?? ((node: ValueNode) => node)),
  });
}

function checkValue(value: unknown, type: GraphQLInputType, path: string, limits: Limits): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(value, type.ofType, path, limits);
  if (value instanceof InvalidScalarValue) throw badUserInput(path, `is not a valid ${value.scalar}: ${value.reason}`);
  if (isListType(type)) {
    const items = value as unknown[];
    if (items.length > limits.maxItems) throw badUserInput(path, `must have at most ${limits.maxItems} items, got ${items.length}`);
    items.forEach((item, n) => checkValue(item, type.ofType, `${path}[${n}]`, limits));
    return;
  }
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      checkValue((value as Record<string, unknown>)[field.name], field.type, `${path}.${field.name}`, limitsOfInput(field));
    }
    return;
  }
  if (isScalarType(type) && typeof value === 'string') {
    if (type.name === 'ID') {
      requireId(value, path);
      return;
    }
    requireMaxLength(value, path, limits.maxLength);
    rejectControlCharacters(value, path);
  }
}

function limitsOfInput(field: GraphQLArgument | GraphQLInputField): Limits {
  return limitsOf(field.astNode?.directives);
}

/** Federation's own fields take representations and are resolved by their owners' reference resolvers. */
const FEDERATION_FIELD = /^_(entities|service)$/;

/**
 * Wraps the resolver of every field that takes arguments, in place (a copied schema would lose the
 * federation reference resolvers attached to its types).
 */
export function guardArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length || FEDERATION_FIELD.test(field.name)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const args = field.args.map((arg) => ({ arg, limits: limitsOfInput(arg) }));
      field.resolve = (source, values, context, info) => {
        for (const { arg, limits } of args) checkValue(values[arg.name], arg.type, arg.name, limits);
        return resolve(source, values, context, info);
      };
    }
  }
  return schema;
}

/** Custom scalars of a type-graphql schema (DateTimeISO...), never federation's own (_Any, link__Import...). */
export function isOwnScalar(name: string, value: unknown): value is GraphQLScalarType {
  return value instanceof GraphQLScalarType && !/^(_|link__|federation__)/.test(name);
}
