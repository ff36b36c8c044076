import { protectCount, requireReadable, smallCountRule } from '@civic/governance';
import { badUserInput } from '@civic/runtime';
import type { RequestContext } from '@civic/subgraph-kit';
import type { QBFilterQuery } from '@mikro-orm/sql';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Resident } from '../Resident.js';
import { ResidentFilter, residentWhere } from '../ResidentFilter.js';
import { DIMENSIONS, ResidentDimension, type DimensionName } from './dimensions.js';
import { ResidentCountGroup, ResidentCounts } from './ResidentCounts.js';

/** Enough for every grid of a street by every care category and age band; past it the caller narrows the filter. */
const MAX_GROUPS = 5000;

/** The classified fields a filter tests (residentWhere checks the caller may read each). */
function filteredFields(filter: ResidentFilter | undefined): string[] {
  if (!filter) return [];
  return [
    ...(filter.careCategory ? ['Resident.careCategories'] : []),
    ...(filter.keyPersonnelCategory ? ['Resident.keyPersonnelCategory'] : []),
    ...(filter.needsEvacuationAssistance !== undefined && filter.needsEvacuationAssistance !== null ? ['Resident.needsEvacuationAssistance'] : []),
  ];
}

/** The residents matching `filter` in the caller's place scope, as SQL selecting their ids, and its parameters. */
async function matchingIds(ctx: RequestContext, filter: ResidentFilter | undefined): Promise<{ sql: string; params: readonly unknown[] }> {
  const ids = ctx.em.createQueryBuilder(Resident, 'm').select('m.id').where(residentWhere(filter, ctx) as QBFilterQuery<Resident, 'm'>);
  // The jurisdiction filter is on the request's EntityManager; a query builder takes it only when asked.
  await ids.applyFilters();
  return { sql: ids.getQuery(), params: ids.getParams() };
}

@Resolver()
export class ResidentCountsResolver {
  @Query(() => ResidentCounts, {
    nullable: true,
    description: 'Residents counted by up to three dimensions, in the caller\'s place scope, under the same field rules as reading them (grouping by a classified field needs read access to it in full). Counts of special groups are protected: see ResidentCounts.protection.',
  })
  async residentCounts(
    @Arg('groupBy', () => [ResidentDimension]) groupBy: DimensionName[],
    @Arg('filter', () => ResidentFilter, { nullable: true }) filter: ResidentFilter | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ResidentCounts> {
    if (groupBy.length > 3 || new Set(groupBy).size !== groupBy.length) throw badUserInput('groupBy', 'must name up to three different dimensions');
    const dimensions = groupBy.map((name) => DIMENSIONS[name]);
    for (const [i, dimension] of dimensions.entries()) if (dimension.reveals) requireReadable(ctx, dimension.reveals, `groupBy[${i}]`);
    const rule = smallCountRule(ctx.policy!.document, [...dimensions.flatMap((d) => (d.reveals ? [d.reveals] : [])), ...filteredFields(filter)]);
    const ids = await matchingIds(ctx, filter);
    const care = groupBy.includes('CARE_CATEGORY') ? 'cross join lateral unnest(r.care_categories) as care(category)' : '';
    const positions = dimensions.map((_, i) => i + 1).join(', ');
    const rows = await ctx.em.execute<Record<string, unknown>[]>(
      `select ${[...dimensions.map((d, i) => `${d.sql} as d${i}`), 'count(*)::int as n'].join(', ')}
         from resident r ${care} where r.id in (${ids.sql})
         ${dimensions.length ? `group by ${positions} order by ${positions}` : ''} limit ${MAX_GROUPS + 1}`,
      [...ids.params],
    );
    if (rows.length > MAX_GROUPS) throw badUserInput('groupBy', `more than ${MAX_GROUPS} groups; narrow the filter (e.g. filter.gridCodePrefix) or group by fewer dimensions`);
    const [{ n: total }] = await ctx.em.execute<{ n: number }[]>(`select count(*)::int as n from resident r where r.id in (${ids.sql})`, [...ids.params]);
    const groups = (dimensions.length ? rows : []).map((row) => {
      const group = new ResidentCountGroup();
      dimensions.forEach((dimension, i) => Object.assign(group, { [dimension.output]: row[`d${i}`] }));
      group.count = protectCount(row.n as number, rule);
      group.suppressed = group.count === null;
      return group;
    });
    const shownTotal = protectCount(total!, rule);
    return { groups, total: shownTotal, totalSuppressed: shownTotal === null, protection: rule.protection, threshold: rule.threshold };
  }
}
