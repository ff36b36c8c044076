import { byId, connectionType, PageArgs, PageSized, paginate, type RequestContext, requireId } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { RescueTeam } from './RescueTeam.js';
import { RescueTeamFilter, rescueTeamWhere } from './RescueTeamFilter.js';

const RescueTeamConnection = connectionType(RescueTeam, 'RescueTeam');

@Resolver(() => RescueTeam)
export class RescueTeamResolver {
  @PageSized()
  @Query(() => RescueTeamConnection, { nullable: true, description: 'Rescue teams the caller may see, in id order.' })
  rescueTeams(
    @Args() page: PageArgs,
    @Arg('filter', () => RescueTeamFilter, { nullable: true }) filter: RescueTeamFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, RescueTeam, rescueTeamWhere(filter), page);
  }

  @Query(() => RescueTeam, { nullable: true, description: 'One rescue team; null when absent or outside the caller\'s jurisdiction.' })
  rescueTeam(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return byId(ctx, RescueTeam).load(requireId(id, 'id'));
  }
}
