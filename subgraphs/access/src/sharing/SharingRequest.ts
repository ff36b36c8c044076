import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { graphqlEnum } from '@civic/subgraph-kit';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';

export const SharingRequestStatus = graphqlEnum(['PENDING', 'APPROVED', 'REJECTED'] as const, 'SharingRequestStatus', 'Where a sharing request stands.');
export type SharingRequestStatusValue = keyof typeof SharingRequestStatus;

/** One department asking another for named fields, for a purpose, a place and a time. */
@Entity({ tableName: 'sharing_request' })
@ObjectType({ description: 'A request by one department to read another department\'s fields.' })
export class SharingRequest {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property({ length: 20 })
  @Index({ name: 'sharing_request_requesting_idx' })
  @Field()
  requestingDepartment: string;

  @Property({ length: 200 })
  @Field()
  requestedBy: string;

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'The department whose data officer decides: the one owner of the fields (a list for compatibility).' })
  ownerDepartments: string[];

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'Type.field names.' })
  fields: string[];

  @Property({ type: 'text' })
  @Field({ description: 'A purpose code of the catalogue (policy { purposes }): the grant holds for it alone.' })
  purpose: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the data is needed, in the requester\'s words, for the owner who decides.' })
  justification: string | null;

  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  @Field(() => [String], { description: 'Token subjects the grant would be for; empty for every user of the department.' })
  subjects: string[];

  @Property({ length: 18 })
  @Field({ description: 'Grid-code prefix of the records concerned; empty for the whole city.' })
  scope: string;

  @Property()
  @Field(() => Int)
  durationSeconds: number;

  @Property({ length: 10 })
  @Field(() => SharingRequestStatus)
  status: SharingRequestStatusValue;

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime)
  requestedAt: Date;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  decidedBy: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  decisionReason: string | null;

  @Property({ type: 'integer', nullable: true })
  grantId: number | null;
}
