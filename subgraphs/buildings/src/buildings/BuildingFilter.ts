import { type BuildingStructure as BuildingStructureValue, type BuildingUse as BuildingUseValue } from '../vocabulary.js';
import { type EntityManager } from '@civic/runtime';
import { containsPattern, gridPrefixCondition, isGiven, requirePositiveInt } from '@civic/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Field, InputType, Int } from 'type-graphql';
import { Hazard } from '../hazards/Hazard.js';
import { BuildingStructure, BuildingUse } from './enums.js';
import type { Building } from './Building.js';

@InputType({ description: 'Narrows a list of buildings; all given conditions must hold.' })
export class BuildingFilter {
  @Field(() => String, { nullable: true, description: 'Only buildings whose grid code starts with this (a district, street, community or grid code).' })
  gridCodePrefix?: string;

  @Field(() => BuildingUse, { nullable: true })
  use?: BuildingUseValue;

  @Field(() => BuildingStructure, { nullable: true })
  structure?: BuildingStructureValue;

  @Field(() => Boolean, { nullable: true })
  fireKeyPlace?: boolean;

  @Field(() => Int, { nullable: true, description: 'Only buildings built before this year.' })
  builtBefore?: number;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the address.' })
  addressContains?: string;

  @Field(() => Boolean, { nullable: true, description: 'Whether the building has a hazard that is not yet CLOSED (OPEN or RECTIFYING).' })
  hasOpenHazards?: boolean;
}

export function buildingWhere(em: EntityManager, filter: BuildingFilter | undefined): FilterQuery<Building> {
  if (!filter) return {};
  const conditions: FilterQuery<Building>[] = [];
  if (isGiven(filter.gridCodePrefix)) conditions.push({ gridCode: gridPrefixCondition(filter.gridCodePrefix) });
  if (filter.use) conditions.push({ use: filter.use });
  if (filter.structure) conditions.push({ structure: filter.structure });
  if (isGiven(filter.fireKeyPlace)) conditions.push({ fireKeyPlace: filter.fireKeyPlace });
  if (isGiven(filter.builtBefore)) conditions.push({ yearBuilt: { $lt: requirePositiveInt(filter.builtBefore, 'filter.builtBefore', 9999) } });
  if (filter.addressContains) conditions.push({ address: { $ilike: containsPattern(filter.addressContains) } });
  if (isGiven(filter.hasOpenHazards)) {
    const withOpenHazards = em.createQueryBuilder(Hazard, 'h').select('h.buildingId').where({ status: { $ne: 'CLOSED' } });
    conditions.push({ id: filter.hasOpenHazards ? { $in: withOpenHazards } : { $nin: withOpenHazards } } as FilterQuery<Building>);
  }
  return conditions.length ? { $and: conditions } : {};
}
