import { Classified } from '@civic/governance';
import { byId, childrenOf, connectionType, ListSized, PageArgs, PageSized, paginate, Parent, type RequestContext, requireId } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver } from 'type-graphql';
import { BuildingRef } from '../buildings/BuildingRef.js';
import { ResidentRef } from '../residents/ResidentRef.js';
import { TimelineEntry } from '../timeline/TimelineEntry.js';
import { IncidentStatus } from './enums.js';
import { Incident } from './Incident.js';
import { IncidentFilter, incidentWhere } from './IncidentFilter.js';
import { IncidentResident } from './IncidentResident.js';
import { allowedTransitions, isOverdue } from './workflow.js';

export const IncidentConnection = connectionType(Incident, 'Incident');

@Resolver(() => Incident)
export class IncidentResolver {
  @PageSized()
  @Query(() => IncidentConnection, { nullable: true, description: 'Incidents the caller may see, in id order.' })
  incidents(
    @Args() page: PageArgs,
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter: IncidentFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, Incident, incidentWhere(filter, ctx), page);
  }

  @Query(() => Incident, { nullable: true, description: 'One incident; null when absent or outside the caller\'s jurisdiction.' })
  incident(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return byId(ctx, Incident).load(requireId(id, 'id'));
  }

  @FieldResolver(() => Boolean, { description: 'Past its deadline and not yet resolved, closed or rejected.' })
  overdue(@Parent() incident: Incident): boolean {
    return isOverdue(incident, new Date());
  }

  @FieldResolver(() => [IncidentStatus], { description: 'The statuses transitionIncident accepts from the current one.' })
  allowedTransitions(@Parent() incident: Incident) {
    return allowedTransitions(incident.status);
  }

  @FieldResolver(() => BuildingRef, { nullable: true, description: 'The building it happened at, if any; null too when the buildings service cannot answer or the caller may not see it.' })
  building(@Parent() incident: Incident): BuildingRef | null {
    return incident.buildingId === null ? null : BuildingRef.of(incident.buildingId);
  }

  @Classified('sensitive')
  @FieldResolver(() => ResidentRef, {
    nullable: true,
    description: 'The resident who reported it, if a resident did; null too when the population service cannot answer or the caller may not see the resident.',
  })
  reporter(@Parent() incident: Incident): ResidentRef | null {
    return incident.reporterResidentId === null ? null : ResidentRef.of(incident.reporterResidentId);
  }

  @Classified('sensitive')
  @ListSized(20)
  @FieldResolver(() => [ResidentRef], {
    nullable: true,
    description: 'Residents involved in it that the caller may see (the others are left out); null when the population service cannot answer.',
  })
  async involvedResidents(@Parent() incident: Incident, @Ctx() ctx: RequestContext): Promise<ResidentRef[]> {
    const links = await childrenOf<IncidentResident, number>(ctx, IncidentResident, 'incidentId').load(incident.id);
    return links.map((link) => ResidentRef.of(link.residentId));
  }

  @ListSized(50)
  @FieldResolver(() => [TimelineEntry], { description: 'What each department did, oldest first.' })
  timeline(@Parent() incident: Incident, @Ctx() ctx: RequestContext) {
    return childrenOf<TimelineEntry, number>(ctx, TimelineEntry, 'incidentId').load(incident.id);
  }
}
