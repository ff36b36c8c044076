import type { Readiness as ReadinessValue, TeamKind as TeamKindValue } from '../vocabulary.js';
import type { FilterQuery } from '@mikro-orm/core';
import { Field, InputType } from 'type-graphql';
import { gridPrefixCondition, isGiven } from '@civic/subgraph-kit';
import { Readiness, TeamKind } from './enums.js';
import type { RescueTeam } from './RescueTeam.js';

@InputType({ description: 'Narrows a list of rescue teams; all given conditions must hold.' })
export class RescueTeamFilter {
  @Field(() => String, { nullable: true, description: 'Only teams whose grid code starts with this.' })
  gridCodePrefix?: string;

  @Field(() => TeamKind, { nullable: true })
  kind?: TeamKindValue;

  @Field(() => Readiness, { nullable: true })
  readiness?: ReadinessValue;
}

export function rescueTeamWhere(filter: RescueTeamFilter | undefined): FilterQuery<RescueTeam> {
  if (!filter) return {};
  const conditions: FilterQuery<RescueTeam>[] = [];
  if (isGiven(filter.gridCodePrefix)) conditions.push({ gridCode: gridPrefixCondition(filter.gridCodePrefix) });
  if (filter.kind) conditions.push({ kind: filter.kind });
  if (filter.readiness) conditions.push({ readiness: filter.readiness });
  return conditions.length ? { $and: conditions } : {};
}
