import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Grant } from '@civic/governance';
import type { Department } from '@civic/runtime';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

/** An approved request in force: it widens the policy for one department until it expires. */
@Entity({ tableName: 'access_grant' })
@ObjectType({ description: 'Time-limited access granted by the data owner.' })
export class AccessGrant {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property()
  @Field(() => ID)
  requestId: number;

  @Property({ length: 20 })
  @Index({ name: 'access_grant_department_idx' })
  @Field()
  department: string;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  fields: string[];

  @Property({ length: 18 })
  @Field()
  scope: string;

  @Property({ type: 'text' })
  @Field({ description: 'The purpose code of the catalogue the grant holds for: callers must state exactly it.' })
  purpose: string;

  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  @Field(() => [String], { description: 'Token subjects the grant is for; empty for every user of the department.' })
  subjects: string[];

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime)
  validFrom: Date;

  @Property({ type: 'timestamptz' })
  @Index({ name: 'access_grant_valid_until_idx' })
  @Field(() => GraphQLISODateTime)
  validUntil: Date;

  @Property({ length: 200 })
  @Field()
  grantedBy: string;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt: Date | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  revokedBy: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the grant was revoked, in the words of whoever revoked it.' })
  revocationReason: string | null;

  /** The end last reported to the live feed (grant.expiring); not part of the graph. */
  @Property({ type: 'timestamptz', nullable: true })
  expiryReportedFor: Date | null = null;
}

export function isInForce(grant: AccessGrant, now = Date.now()): boolean {
  return !grant.revokedAt && grant.validFrom.getTime() <= now && now < grant.validUntil.getTime();
}

/** The form subgraphs enforce; a revoked grant ends at its revocation. */
export function toEnforcedGrant(grant: AccessGrant): Grant {
  return {
    id: grant.id,
    department: grant.department as Department,
    fields: grant.fields,
    scope: grant.scope,
    purpose: grant.purpose,
    ...(grant.subjects.length ? { subjects: grant.subjects } : {}),
    validFrom: grant.validFrom.toISOString(),
    validUntil: (grant.revokedAt ?? grant.validUntil).toISOString(),
  };
}
