import { badUserInput } from '@civic/runtime';
import { type RiskType as RiskTypeValue, gridPrefixCondition, isGiven } from '@civic/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Field, InputType } from 'type-graphql';
import type { EmergencyPlan } from './EmergencyPlan.js';
import { RiskType } from './RiskType.js';

/** Code lengths of district, street, community and grid. */
const AREA_CODE_LENGTHS = [6, 9, 12, 15];

@InputType({ description: 'Narrows a list of emergency plans; all given conditions must hold.' })
export class EmergencyPlanFilter {
  @Field(() => RiskType, { nullable: true })
  riskType?: RiskTypeValue;

  @Field(() => String, { nullable: true, description: 'Only plans whose area code starts with this.' })
  gridCodePrefix?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only plans whose area contains this place, e.g. a grid code finds the plans of its street and district.',
  })
  covering?: string;
}

function enclosingAreaCodes(code: string): string[] {
  if (!/^\d{6,18}$/.test(code)) throw badUserInput('filter.covering', `must be an area or grid code, got "${code}"`);
  return [...AREA_CODE_LENGTHS.filter((length) => length < code.length).map((length) => code.slice(0, length)), code];
}

export function emergencyPlanWhere(filter: EmergencyPlanFilter | undefined): FilterQuery<EmergencyPlan> {
  if (!filter) return {};
  const conditions: FilterQuery<EmergencyPlan>[] = [];
  if (filter.riskType) conditions.push({ riskType: filter.riskType });
  if (isGiven(filter.gridCodePrefix)) conditions.push({ gridCode: gridPrefixCondition(filter.gridCodePrefix) });
  if (isGiven(filter.covering)) conditions.push({ gridCode: { $in: enclosingAreaCodes(filter.covering) } });
  return conditions.length ? { $and: conditions } : {};
}
