import { gridCodeIndex } from '@civic/subgraph-kit';
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
  @Index(gridCodeIndex('incident_resident'))
  gridCode: string;

  @Property({ length: 20 })
  role: 'INVOLVED';
}
