import { connectionType, PageArgs, PageSized, paginate, Parent, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver } from 'type-graphql';
import { Shelter } from './Shelter.js';
import { ShelterFilter, shelterWhere } from './ShelterFilter.js';

const ShelterConnection = connectionType(Shelter, 'Shelter');

@Resolver(() => Shelter)
export class ShelterResolver {
  @PageSized()
  @Query(() => ShelterConnection, { nullable: true, description: 'Emergency shelters the caller may see, in id order.' })
  shelters(
    @Args() page: PageArgs,
    @Arg('filter', () => ShelterFilter, { nullable: true }) filter: ShelterFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, Shelter, shelterWhere(filter), page);
  }

  @FieldResolver(() => Int, { description: 'Places still free: capacity minus occupancy, never below zero.' })
  available(@Parent() shelter: Shelter): number {
    return Math.max(0, shelter.capacity - shelter.occupancy);
  }
}
