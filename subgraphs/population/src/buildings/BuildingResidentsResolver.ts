import { childrenOf, ListSized, type RequestContext } from '@civic/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Resident } from '../residents/Resident.js';
import { Household } from '../residents/Household.js';
import { BuildingRef } from './BuildingRef.js';

@Resolver(() => BuildingRef)
export class BuildingResidentsResolver {
  @ListSized(100)
  @FieldResolver(() => [Resident], { nullable: true, description: 'Residents registered at this building that the caller may see; null when the population service cannot answer.' })
  residents(@Root() building: BuildingRef, @Ctx() ctx: RequestContext) {
    return childrenOf<Resident, number>(ctx, Resident, 'buildingId').load(Number(building.id));
  }

  @ListSized(50)
  @FieldResolver(() => [Household], { nullable: true, description: 'Households registered at this building; null when the population service cannot answer.' })
  households(@Root() building: BuildingRef, @Ctx() ctx: RequestContext) {
    return childrenOf<Household, number>(ctx, Household, 'buildingId').load(Number(building.id));
  }
}
