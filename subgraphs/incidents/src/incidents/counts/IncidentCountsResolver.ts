import { countAnswer, groupCounts, groupingOf, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Incident } from '../Incident.js';
import { IncidentFilter, incidentWhere } from '../IncidentFilter.js';
import { INCIDENT_DIMENSIONS, IncidentCountGroup, IncidentCounts, IncidentDimension, type IncidentDimensionName } from './IncidentCounts.js';

@Resolver()
export class IncidentCountsResolver {
  @Query(() => IncidentCounts, { nullable: true, description: 'Incidents counted by up to three dimensions (e.g. category x status x week), in the caller\'s place scope, with the same filter as incidents.' })
  async incidentCounts(
    @Arg('groupBy', () => [IncidentDimension]) groupBy: IncidentDimensionName[],
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter: IncidentFilter | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<IncidentCounts> {
    const dimensions = groupingOf(ctx, groupBy, INCIDENT_DIMENSIONS);
    return countAnswer(await groupCounts(ctx, { entity: Incident, table: 'incident', where: incidentWhere(filter, ctx), dimensions, filteredFields: [] }), IncidentCountGroup);
  }
}
