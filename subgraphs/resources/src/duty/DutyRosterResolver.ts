import { connectionType, PageArgs, PageSized, paginate, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { DutyRoster } from './DutyRoster.js';
import { DutyRosterFilter, dutyRosterWhere } from './DutyRosterFilter.js';

const DutyRosterConnection = connectionType(DutyRoster, 'DutyRoster');

@Resolver(() => DutyRoster)
export class DutyRosterResolver {
  @PageSized()
  @Query(() => DutyRosterConnection, { nullable: true, description: 'Duty shifts the caller may see, in id order.' })
  dutyRosters(
    @Args() page: PageArgs,
    @Arg('filter', () => DutyRosterFilter, { nullable: true }) filter: DutyRosterFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, DutyRoster, dutyRosterWhere(filter), page);
  }
}
