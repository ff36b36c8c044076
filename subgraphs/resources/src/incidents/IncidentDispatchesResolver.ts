import { childrenOf, ListSized, Parent, type RequestContext } from '@civic/subgraph-kit';
import { Ctx, FieldResolver, Resolver } from 'type-graphql';
import { Dispatch } from '../dispatches/Dispatch.js';
import { IncidentRef } from './IncidentRef.js';

@Resolver(() => IncidentRef)
export class IncidentDispatchesResolver {
  @ListSized(20)
  @FieldResolver(() => [Dispatch], {
    nullable: true,
    description: 'Teams and supplies sent to this incident that the caller may see, oldest first; null when the resources service cannot answer.',
  })
  dispatches(@Parent() incident: IncidentRef, @Ctx() ctx: RequestContext) {
    return childrenOf<Dispatch, number>(ctx, Dispatch, 'incidentId').load(Number(incident.id));
  }
}
