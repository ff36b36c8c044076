import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput, type EntityManager } from '@civic/runtime';
import { findPlainRows } from './plainRows.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

/**
 * Federation's demand-control `@listSize` on a connection field: it holds `first` edges (capped), and
 * DEFAULT_PAGE_SIZE without it. Composition carries it into the supergraph, whose cost the gateway estimates.
 */
export const PageSized = () =>
  Directive(`@listSize(assumedSize: ${DEFAULT_PAGE_SIZE}, slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)`);

/** `@listSize` on an unpaginated list of objects: how many items it holds at most in a city, as an estimate. */
export const ListSized = (assumedSize: number) => Directive(`@listSize(assumedSize: ${assumedSize})`);

@ObjectType({ description: 'Where a page ends, for Relay cursor pagination.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size; default ${DEFAULT_PAGE_SIZE}, capped at ${MAX_PAGE_SIZE}.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: Promise<number> | number;
}

/** A Relay connection type for `nodeType`, named `<Name>Connection` with `<Name>Edge`. */
export function connectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => nodeType)
    node: T;

    @Field()
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} records.` })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType])
    edges: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many records match, over all pages.' })
    totalCount: Promise<number> | number;
  }
  return ConnectionType;
}

const CURSOR_PREFIX = 'cursor:';

export function encodeCursor(id: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = Number(text.slice(CURSOR_PREFIX.length));
  if (!text.startsWith(CURSOR_PREFIX) || !Number.isSafeInteger(id) || id < 0) {
    throw badUserInput(field, 'is not a cursor this API issued; pass a pageInfo.endCursor back unchanged');
  }
  return id;
}

export function pageSize(first: number | undefined | null): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (first < 0) throw badUserInput('first', `must be zero or more, got ${first}`);
  return Math.min(first, MAX_PAGE_SIZE);
}

/**
 * One page in ascending id order, which is stable under inserts. The count is only run when a client
 * selects totalCount.
 */
export async function paginate<T extends { id: number }>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  args: PageArgs,
): Promise<ConnectionShape<T>> {
  const size = pageSize(args.first);
  const afterId = args.after ? decodeCursor(args.after) : 0;
  const pageWhere = { $and: [where, { id: { $gt: afterId } }] } as FilterQuery<T>;
  const rows = size === 0 ? [] : await findPlainRows(em, entity, pageWhere, { orderBy: { id: 'asc' } as never, limit: size + 1 });
  const page = rows.slice(0, size);
  let count: Promise<number> | undefined;
  return {
    edges: page.map((node) => ({ node, cursor: encodeCursor(node.id) })),
    pageInfo: { hasNextPage: rows.length > size, endCursor: page.length ? encodeCursor(page[page.length - 1]!.id) : null },
    get totalCount() {
      count ??= em.count(entity, where);
      return count;
    },
  };
}
