import { type DispatchStatus as DispatchStatusValue } from '../vocabulary.js';
import { requireId, gridPrefixCondition, isGiven } from '@civic/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Field, ID, InputType } from 'type-graphql';
import type { Dispatch } from './Dispatch.js';
import { DispatchStatus } from './DispatchStatus.js';

@InputType({ description: 'Narrows a list of dispatches; all given conditions must hold.' })
export class DispatchFilter {
  @Field(() => ID, { nullable: true })
  incidentId?: string;

  @Field(() => ID, { nullable: true })
  teamId?: string;

  @Field(() => DispatchStatus, { nullable: true })
  status?: DispatchStatusValue;

  @Field(() => String, { nullable: true, description: 'Only dispatches whose grid code starts with this.' })
  gridCodePrefix?: string;
}

export function dispatchWhere(filter: DispatchFilter | undefined): FilterQuery<Dispatch> {
  if (!filter) return {};
  const conditions: FilterQuery<Dispatch>[] = [];
  if (isGiven(filter.incidentId)) conditions.push({ incidentId: requireId(filter.incidentId, 'filter.incidentId') });
  if (isGiven(filter.teamId)) conditions.push({ teamId: requireId(filter.teamId, 'filter.teamId') });
  if (filter.status) conditions.push({ status: filter.status });
  if (isGiven(filter.gridCodePrefix)) conditions.push({ gridCode: gridPrefixCondition(filter.gridCodePrefix) });
  return conditions.length ? { $and: conditions } : {};
}
