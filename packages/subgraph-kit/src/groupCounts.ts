import { protectCount, requireReadable, smallCountRule, type CountProtection } from '@civic/governance';
import { badUserInput } from '@civic/runtime';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { QBFilterQuery } from '@mikro-orm/sql';
import type { RequestContext } from './context.js';

/**
 * What records can be counted by: SQL over the list's table (aliased `r`), the output field it fills, and
 * the classified field it reveals, which the caller must be allowed to read in full to group by it.
 */
export interface CountDimension {
  sql: string;
  output: string;
  reveals?: string;
  /** A join the dimension needs (e.g. one row per element of an array column). */
  join?: string;
}

/** Grid codes are hierarchical: street 9 digits, community 12, grid 15. */
export const PLACE_DIMENSIONS = {
  STREET: { sql: 'left(r.grid_code, 9)', output: 'street' },
  COMMUNITY: { sql: 'left(r.grid_code, 12)', output: 'community' },
  GRID: { sql: 'r.grid_code', output: 'grid' },
} as const satisfies Record<string, CountDimension>;

/** An ISO week, e.g. 2026-W48, of a timestamp column (in UTC). */
export const isoWeekOf = (column: string) => `to_char(${column} at time zone 'UTC', 'IYYY-"W"IW')`;

export interface CountRequest<T extends object> {
  entity: EntityName<T>;
  table: string;
  /** The list's own filter (already checked against the field rules). */
  where: FilterQuery<T>;
  dimensions: CountDimension[];
  /** Classified fields the filter tests: counts filtered by a special one are protected too. */
  filteredFields: string[];
}

export interface CountedGroup {
  values: Record<string, unknown>;
  count: number | null;
}

export interface Counted {
  groups: CountedGroup[];
  total: number | null;
  protection: CountProtection;
  threshold: number | null;
}

/** Enough for every grid of a street by two small dimensions; past it the caller narrows the filter. */
const MAX_GROUPS = 5000;
const MAX_DIMENSIONS = 3;

/** Checks a groupBy argument (up to three different dimensions, each readable by the caller) and returns its dimensions. */
export function groupingOf<D extends Record<string, CountDimension>>(ctx: RequestContext, groupBy: (keyof D & string)[], dimensions: D): CountDimension[] {
  if (groupBy.length > MAX_DIMENSIONS || new Set(groupBy).size !== groupBy.length) throw badUserInput('groupBy', `must name up to ${MAX_DIMENSIONS} different dimensions`);
  return groupBy.map((name, i) => {
    const dimension = dimensions[name]!;
    if (dimension.reveals) requireReadable(ctx, dimension.reveals, `groupBy[${i}]`);
    return dimension;
  });
}

/**
 * Counts the records of a list where they live (one GROUP BY in the subgraph's database), inside the
 * caller's place scope (the request's jurisdiction filter, applied to the id subquery), protecting
 * counts of special groups as the policy's smallCounts says.
 */
export async function groupCounts<T extends object>(ctx: RequestContext, request: CountRequest<T>): Promise<Counted> {
  const rule = smallCountRule(ctx.policy!.document, [...request.dimensions.flatMap((d) => (d.reveals ? [d.reveals] : [])), ...request.filteredFields]);
  const ids = ctx.em.createQueryBuilder(request.entity, 'm').select('m.id' as never).where(request.where as QBFilterQuery<T, 'm'>);
  // The jurisdiction filter is on the request's EntityManager; a query builder takes it only when asked.
  await ids.applyFilters();
  const [idsSql, params] = [ids.getQuery(), [...ids.getParams()]];
  const { dimensions } = request;
  const positions = dimensions.map((_, i) => i + 1).join(', ');
  const joins = [...new Set(dimensions.flatMap((d) => (d.join ? [d.join] : [])))].join(' ');
  const rows = dimensions.length
    ? await ctx.em.execute<Record<string, unknown>[]>(
        `select ${[...dimensions.map((d, i) => `${d.sql} as d${i}`), 'count(*)::int as n'].join(', ')}
           from ${request.table} r ${joins} where r.id in (${idsSql})
           group by ${positions} order by ${positions} limit ${MAX_GROUPS + 1}`,
        params,
      )
    : [];
  if (rows.length > MAX_GROUPS) throw badUserInput('groupBy', `more than ${MAX_GROUPS} groups; narrow the filter (e.g. filter.gridCodePrefix) or group by fewer dimensions`);
  const [{ n: total }] = (await ctx.em.execute<{ n: number }[]>(`select count(*)::int as n from ${request.table} r where r.id in (${idsSql})`, params)) as [{ n: number }];
  return {
    groups: rows.map((row) => ({ values: Object.fromEntries(dimensions.map((d, i) => [d.output, row[`d${i}`]])), count: protectCount(row.n as number, rule) })),
    total: protectCount(total, rule),
    protection: rule.protection,
    threshold: rule.threshold,
  };
}
