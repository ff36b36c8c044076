import { childrenOf, ListSized, Parent, type RequestContext } from '@civic/subgraph-kit';
import { Ctx, FieldResolver, Resolver } from 'type-graphql';
import { Resident } from '../residents/Resident.js';
import { Household } from '../residents/Household.js';
import { BuildingRef } from './BuildingRef.js';

@Resolver(() => BuildingRef)
export class BuildingResidentsResolver {
  @ListSized(100)
  @FieldResolver(() => [Resident], { nullable: true, description: 'Residents registered at this building that the caller may see; null when the population service cannot answer.' })
  residents(@Parent() building: BuildingRef, @Ctx() ctx: RequestContext) {
    return childrenOf<Resident, number>(ctx, Resident, 'buildingId').load(Number(building.id));
  }

  @ListSized(50)
  @FieldResolver(() => [Household], { nullable: true, description: 'Households registered at this building; null when the population service cannot answer.' })
  households(@Parent() building: BuildingRef, @Ctx() ctx: RequestContext) {
    return childrenOf<Household, number>(ctx, Household, 'buildingId').load(Number(building.id));
  }
}
