import { DEPARTMENTS, badUserInput, isDepartment } from '@civic/runtime';
import { requireIsoDate, gridPrefixCondition, isGiven } from '@civic/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Field, InputType } from 'type-graphql';
import type { DutyRoster } from './DutyRoster.js';

@InputType({ description: 'Narrows a list of duty rosters; all given conditions must hold.' })
export class DutyRosterFilter {
  @Field(() => String, { nullable: true, description: 'The duty day, YYYY-MM-DD.' })
  date?: string;

  @Field(() => String, { nullable: true, description: `A department code: ${DEPARTMENTS.join(', ')}.` })
  department?: string;

  @Field(() => String, { nullable: true, description: 'Only rosters whose area code starts with this.' })
  gridCodePrefix?: string;
}

export function dutyRosterWhere(filter: DutyRosterFilter | undefined): FilterQuery<DutyRoster> {
  if (!filter) return {};
  const conditions: FilterQuery<DutyRoster>[] = [];
  if (isGiven(filter.date)) conditions.push({ dutyDate: requireIsoDate(filter.date, 'filter.date') });
  if (isGiven(filter.department)) {
    if (!isDepartment(filter.department)) throw badUserInput('filter.department', `is not a department code: "${filter.department}"`);
    conditions.push({ department: filter.department });
  }
  if (isGiven(filter.gridCodePrefix)) conditions.push({ gridCode: gridPrefixCondition(filter.gridCodePrefix) });
  return conditions.length ? { $and: conditions } : {};
}
