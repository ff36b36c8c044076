import { countAnswer, groupCounts, groupingOf, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Hazard } from '../Hazard.js';
import { HazardFilter, hazardWhere } from '../HazardFilter.js';
import { HAZARD_DIMENSIONS, HazardCountGroup, HazardCounts, HazardDimension, type HazardDimensionName } from './HazardCounts.js';

@Resolver()
export class HazardCountsResolver {
  @Query(() => HazardCounts, { nullable: true, description: 'Hazards counted by up to three dimensions (e.g. severity x status), in the caller\'s place scope, with the same filter as hazards.' })
  async hazardCounts(
    @Arg('groupBy', () => [HazardDimension]) groupBy: HazardDimensionName[],
    @Arg('filter', () => HazardFilter, { nullable: true }) filter: HazardFilter | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<HazardCounts> {
    const dimensions = groupingOf(ctx, groupBy, HAZARD_DIMENSIONS);
    return countAnswer(await groupCounts(ctx, { entity: Hazard, table: 'hazard', where: hazardWhere(filter), dimensions, filteredFields: [] }), HazardCountGroup);
  }
}
