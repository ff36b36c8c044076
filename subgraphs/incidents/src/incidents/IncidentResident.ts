import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A resident involved in an incident. Carries the incident's grid code, so it is scoped with the incident. */
@Entity({ tableName: 'incident_resident' })
export class IncidentResident {
  @PrimaryKey({ autoincrement: true })
  id: number;

  @Property()
  @Index({ name: 'incident_resident_incident_id_idx' })
  incidentId: number;

  @Property()
  @Index({ name: 'incident_resident_resident_id_idx' })
  residentId: number;

  @Property({ length: 18 })
  @Index({ name: 'incident_resident_grid_code_idx', expression: 'create index "incident_resident_grid_code_idx" on "incident_resident" ("grid_code" varchar_pattern_ops, "id")' })
  gridCode: string;

  @Property({ length: 20 })
  role: 'INVOLVED';
}
