import { EVACUATION_ASSISTANCE_CATEGORIES, type CareCategory as CareCategoryValue, type KeyPersonnelCategory as KeyPersonnelValue } from '../vocabulary.js';
import { requireReadable, type PolicyContext } from '@civic/governance';
import { containsPattern, gridPrefixCondition, isGiven, requireId } from '@civic/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Field, ID, InputType } from 'type-graphql';
import { CareCategory, KeyPersonnelCategory } from './enums.js';
import type { Resident } from './Resident.js';

@InputType({ description: 'Narrows a list of residents; all given conditions must hold.' })
export class ResidentFilter {
  @Field(() => String, { nullable: true, description: 'Only residents whose grid code starts with this (a district, street, community or grid code).' })
  gridCodePrefix?: string;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  nameContains?: string;

  @Field(() => ID, { nullable: true })
  buildingId?: string;

  @Field(() => CareCategory, { nullable: true })
  careCategory?: CareCategoryValue;

  @Field(() => KeyPersonnelCategory, { nullable: true })
  keyPersonnelCategory?: KeyPersonnelValue;

  @Field(() => Boolean, { nullable: true })
  needsEvacuationAssistance?: boolean;
}

export function residentWhere(filter: ResidentFilter | undefined, ctx: PolicyContext): FilterQuery<Resident> {
  if (!filter) return {};
  const conditions: FilterQuery<Resident>[] = [];
  if (isGiven(filter.gridCodePrefix)) conditions.push({ gridCode: gridPrefixCondition(filter.gridCodePrefix) });
  if (filter.nameContains) {
    requireReadable(ctx, 'Resident.name', 'filter.nameContains');
    conditions.push({ name: { $ilike: containsPattern(filter.nameContains) } });
  }
  if (filter.buildingId) conditions.push({ buildingId: requireId(filter.buildingId, 'filter.buildingId') });
  if (filter.careCategory) {
    requireReadable(ctx, 'Resident.careCategories', 'filter.careCategory');
    conditions.push({ careCategories: { $contains: [filter.careCategory] } });
  }
  if (filter.keyPersonnelCategory) {
    requireReadable(ctx, 'Resident.keyPersonnelCategory', 'filter.keyPersonnelCategory');
    conditions.push({ keyPersonnelCategory: filter.keyPersonnelCategory });
  }
  if (isGiven(filter.needsEvacuationAssistance)) {
    requireReadable(ctx, 'Resident.needsEvacuationAssistance', 'filter.needsEvacuationAssistance');
    const overlap = { careCategories: { $overlap: [...EVACUATION_ASSISTANCE_CATEGORIES] } };
    conditions.push(filter.needsEvacuationAssistance ? overlap : { $not: overlap });
  }
  return conditions.length ? { $and: conditions } : {};
}
