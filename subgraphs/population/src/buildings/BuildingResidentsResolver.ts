import { childrenOf, ListSized, type RequestContext } from '@civic/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Resident } from '../residents/Resident.js';
import { Household } from '../residents/Household.js';
import { BuildingRef } from './BuildingRef.js';

@Resolver(() => BuildingRef)
export class BuildingResidentsResolver {
  @ListSized(100)
  @FieldResolver(() => [Resident], { description: 'Residents registered at this building that the caller may see.' })
  residents(@Root() building: BuildingRef, @Ctx() ctx: RequestContext) {
    return childrenOf<Resident, number>(ctx, Resident, 'buildingId').load(Number(building.id));
  }

  @ListSized(50)
  @FieldResolver(() => [Household])
  households(@Root() building: BuildingRef, @Ctx() ctx: RequestContext) {
    return childrenOf<Household, number>(ctx, Household, 'buildingId').load(Number(building.id));
  }
}
