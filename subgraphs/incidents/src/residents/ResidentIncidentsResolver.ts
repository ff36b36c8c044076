import { mayRead } from '@civic/governance';
import { ListSized, Parent, type RequestContext } from '@civic/subgraph-kit';
import { Ctx, FieldResolver, Resolver } from 'type-graphql';
import { Incident } from '../incidents/Incident.js';
import { ResidentRef } from './ResidentRef.js';
import { incidentsOfResidents, type ResidentIncident } from './incidentsOfResidents.js';

/**
 * Listing a resident's incidents tells who reported or was involved, so an incident appears only
 * when the caller may read that link (a petitioner stays hidden from departments that may not
 * see petition reporters).
 */
function linkIsReadable(ctx: RequestContext, { incident, reported, involved }: ResidentIncident): boolean {
  return (reported && mayRead(ctx, 'Incident.reporter', incident)) || (involved && mayRead(ctx, 'Incident.involvedResidents', incident));
}

@Resolver(() => ResidentRef)
export class ResidentIncidentsResolver {
  @ListSized(20)
  @FieldResolver(() => [Incident], {
    nullable: true,
    description: 'Incidents this resident reported or is involved in that the caller may see, in id order; null when the incidents service cannot answer.',
  })
  async incidents(@Parent() resident: ResidentRef, @Ctx() ctx: RequestContext) {
    const links = await incidentsOfResidents(ctx).load(Number(resident.id));
    return links.filter((link) => linkIsReadable(ctx, link)).map((link) => link.incident);
  }
}
