import { countAnswer, groupCounts, groupingOf, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Resident } from '../Resident.js';
import { ResidentFilter, residentWhere } from '../ResidentFilter.js';
import { RESIDENT_DIMENSIONS, ResidentDimension, type ResidentDimensionName } from './dimensions.js';
import { ResidentCountGroup, ResidentCounts } from './ResidentCounts.js';

/** The classified fields a filter tests (residentWhere checks the caller may read each). */
function filteredFields(filter: ResidentFilter | undefined): string[] {
  if (!filter) return [];
  return [
    ...(filter.careCategory ? ['Resident.careCategories'] : []),
    ...(filter.keyPersonnelCategory ? ['Resident.keyPersonnelCategory'] : []),
    ...(filter.needsEvacuationAssistance !== undefined && filter.needsEvacuationAssistance !== null ? ['Resident.needsEvacuationAssistance'] : []),
  ];
}

@Resolver()
export class ResidentCountsResolver {
  @Query(() => ResidentCounts, {
    nullable: true,
    description: 'Residents counted by up to three dimensions, in the caller\'s place scope, under the same field rules as reading them (grouping or filtering by a classified field needs read access to it in full). Counts of special groups are protected: see ResidentCounts.protection.',
  })
  async residentCounts(
    @Arg('groupBy', () => [ResidentDimension]) groupBy: ResidentDimensionName[],
    @Arg('filter', () => ResidentFilter, { nullable: true }) filter: ResidentFilter | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ResidentCounts> {
    const dimensions = groupingOf(ctx, groupBy, RESIDENT_DIMENSIONS);
    const counted = await groupCounts(ctx, { entity: Resident, table: 'resident', where: residentWhere(filter, ctx), dimensions, filteredFields: filteredFields(filter) });
    return countAnswer(counted, ResidentCountGroup);
  }
}
