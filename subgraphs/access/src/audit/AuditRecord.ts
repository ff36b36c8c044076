import { BigIntType } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';

/** One read of a classified field (or a refused attempt): who, which department and role, why, what, and under which rule or grant. */
@Entity({ tableName: 'audit_record' })
// Partitioned by month of `at` (migration 20261202120000, partitions.ts): the primary key is (id, at).
@Index({ name: 'audit_record_record_idx', properties: ['typeName', 'recordId', 'id'] })
@Index({ name: 'audit_record_department_at_idx', properties: ['department', 'at'] })
@ObjectType({ description: 'A read of a classified field, or a refused attempt to read one (decision deny).' })
export class AuditRecord {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property({ type: 'timestamptz' })
  @Index({ name: 'audit_record_at_idx' })
  @Field(() => GraphQLISODateTime)
  at: Date;

  @Property({ length: 200 })
  @Field({ description: 'The reader (token subject).' })
  subject: string;

  @Property({ length: 20 })
  @Field()
  department: string;

  @Property({ length: 200 })
  @Field()
  roles: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The stated purpose (x-access-purpose).' })
  purpose: string | null;

  @Property({ length: 60 })
  @Field()
  typeName: string;

  @Property({ length: 60 })
  @Field()
  fieldName: string;

  @Property({ length: 40 })
  @Field()
  recordId: string;

  @Property({ length: 18, nullable: true })
  @Field(() => String, { nullable: true })
  recordGridCode: string | null;

  @Property({ length: 10 })
  @Field({ description: 'allow, mask or deny (deny: the read was refused and nothing handed out).' })
  decision: string;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true })
  grantId: number | null;

  @Property({ length: 30 })
  @Field({ description: 'The subgraph that served the value.' })
  subgraph: string;
}
