import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { PolicyDocument } from '@civic/governance';
import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/** One published version of the policy. Versions are never edited; a rollback publishes a copy. */
@Entity({ tableName: 'policy_version' })
@ObjectType({ description: 'A published version of the data-sharing policy.' })
export class PolicyVersion {
  @PrimaryKey({ autoincrement: false })
  @Field(() => Int)
  version: number;

  @Property({ type: 'json' })
  document: PolicyDocument;

  @Property({ length: 200 })
  @Field({ description: 'Who published it (token subject and department).' })
  author: string;

  @Property({ type: 'text' })
  @Field()
  reason: string;

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime)
  publishedAt: Date;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The version it was edited from.' })
  basedOn: number | null;
}
