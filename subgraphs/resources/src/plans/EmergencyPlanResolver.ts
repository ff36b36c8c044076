import { connectionType, PageArgs, PageSized, paginate, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { EmergencyPlan } from './EmergencyPlan.js';
import { EmergencyPlanFilter, emergencyPlanWhere } from './EmergencyPlanFilter.js';

const EmergencyPlanConnection = connectionType(EmergencyPlan, 'EmergencyPlan');

@Resolver(() => EmergencyPlan)
export class EmergencyPlanResolver {
  @PageSized()
  @Query(() => EmergencyPlanConnection, { nullable: true, description: 'Emergency plans the caller may see, in id order.' })
  emergencyPlans(
    @Args() page: PageArgs,
    @Arg('filter', () => EmergencyPlanFilter, { nullable: true }) filter: EmergencyPlanFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, EmergencyPlan, emergencyPlanWhere(filter), page);
  }
}
