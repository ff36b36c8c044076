import { Classified } from '@civic/governance';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Readiness as ReadinessValue, TeamKind as TeamKindValue } from '../vocabulary.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { gridCodeIndex } from '@civic/subgraph-kit';
import { Readiness, TeamKind } from './enums.js';

@Entity({ tableName: 'rescue_team' })
@ObjectType({ description: 'A rescue team that can be dispatched to incidents.' })
export class RescueTeam {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property({ length: 100 })
  @Field()
  name: string;

  @Property({ length: 18 })
  @Index(gridCodeIndex('rescue_team'))
  @Field({ description: 'The grid the team is stationed in.' })
  gridCode: string;

  @Property({ type: 'text' })
  @Index({ name: 'rescue_team_kind_idx' })
  @Field(() => TeamKind)
  kind: TeamKindValue;

  @Property()
  @Field(() => Int)
  members: number;

  @Property({ type: 'text' })
  @Field(() => Readiness)
  readiness: ReadinessValue;

  @Property({ length: 100 })
  @Field()
  leaderName: string;

  @Property({ length: 20, nullable: true })
  @Classified('internal')
  @Field(() => String, { nullable: true })
  leaderPhone: string | null;
}
