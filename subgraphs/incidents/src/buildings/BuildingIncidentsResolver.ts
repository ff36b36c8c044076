import { type IncidentStatus as IncidentStatusValue } from '../vocabulary.js';
import { childrenOf, ListSized, Parent, type RequestContext } from '@civic/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, GraphQLISODateTime, Resolver } from 'type-graphql';
import { IncidentStatus } from '../incidents/enums.js';
import { Incident } from '../incidents/Incident.js';
import { BuildingRef } from './BuildingRef.js';

@Resolver(() => BuildingRef)
export class BuildingIncidentsResolver {
  @ListSized(20)
  @FieldResolver(() => [Incident], { nullable: true, description: 'Incidents at this building that the caller may see, in id order; null when the incidents service cannot answer.' })
  incidents(
    @Parent() building: BuildingRef,
    @Arg('status', () => [IncidentStatus], { nullable: true, description: 'Any of these statuses.' }) status: IncidentStatusValue[] | undefined,
    @Arg('since', () => GraphQLISODateTime, { nullable: true, description: 'Reported at or after this instant.' }) since: Date | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    const where: FilterQuery<Incident> = {
      ...(status ? { status: { $in: status } } : {}),
      ...(since ? { reportedAt: { $gte: since } } : {}),
    };
    // Buildings asking with the same arguments share one loader, so one statement serves them all.
    const cacheKey = JSON.stringify({ status: status ?? null, since: since?.toISOString() ?? null });
    return childrenOf<Incident, number>(ctx, Incident, 'buildingId', where, cacheKey).load(Number(building.id));
  }
}
