import { Classified } from '@civic/governance';
import { gridCodeIndex, type RiskType as RiskTypeValue, type Severity as SeverityValue } from '@civic/subgraph-kit';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { IncidentSource as IncidentSourceValue, IncidentStatus as IncidentStatusValue } from '../vocabulary.js';
import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { IncidentSource, IncidentStatus, RiskType, Severity } from './enums.js';

@Entity({ tableName: 'incident' })
@ObjectType({ description: 'Something that happened and needs a response: a hazard, a disaster, a dispute, a person at risk.' })
@Directive('@key(fields: "id")')
export class Incident {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property({ length: 18 })
  @Index(gridCodeIndex('incident'))
  @Field({ description: 'The grid the incident happened in; codes are hierarchical.' })
  gridCode: string;

  @Property({ type: 'integer', nullable: true })
  @Index({ name: 'incident_building_id_idx' })
  buildingId: number | null;

  @Property({ length: 20 })
  @Field(() => RiskType)
  category: RiskTypeValue;

  @Property({ length: 20 })
  @Field(() => IncidentSource)
  source: IncidentSourceValue;

  @Property({ length: 20 })
  @Index({ name: 'incident_status_idx' })
  @Field(() => IncidentStatus)
  status: IncidentStatusValue;

  @Property({ length: 10 })
  @Field(() => Severity)
  severity: SeverityValue;

  @Property({ length: 200 })
  @Field()
  title: string;

  @Property({ type: 'text' })
  @Classified('sensitive')
  @Field(() => String, { nullable: true, description: 'What was reported, in the reporter\'s words.' })
  description: string;

  @Property({ type: 'integer', nullable: true })
  @Index({ name: 'incident_reporter_resident_id_idx' })
  reporterResidentId: number | null;

  @Property({ type: 'timestamptz' })
  @Index({ name: 'incident_reported_at_idx' })
  @Field(() => GraphQLISODateTime)
  reportedAt: Date;

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime, { description: 'When the incident should be resolved by.' })
  deadline: Date;

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime, { description: 'When the status or timeline last changed.' })
  updatedAt: Date;
}
