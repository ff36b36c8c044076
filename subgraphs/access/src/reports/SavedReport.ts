import type { ReportAggregate, ReportColumn, ReportCondition } from '@civic/reports';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A report as saved: its definition, who wrote it, and whom it is shared with. It holds no data, so
 * sharing it shares nothing but the question: every run answers as the runner may see.
 */
@Entity({ tableName: 'saved_report' })
export class SavedReport {
  @PrimaryKey({ autoincrement: true })
  id: number;

  @Property({ length: 200 })
  name: string;

  @Property({ type: 'text' })
  description: string;

  @Property({ type: 'text' })
  operation: string;

  @Property({ length: 100, nullable: true })
  operationName: string | null;

  @Property({ type: 'json' })
  variables: Record<string, unknown>;

  @Property({ length: 200 })
  rowsAt: string;

  @Property({ type: 'json' })
  columns: ReportColumn[];

  @Property({ type: 'json' })
  conditions: ReportCondition[];

  @Property({ type: 'json' })
  groupBy: string[];

  @Property({ type: 'json' })
  aggregates: ReportAggregate[];

  /** The author's department: its users see the report, its data officers may change it. */
  @Property({ length: 20 })
  @Index({ name: 'saved_report_department_idx' })
  department: string;

  @Property({ length: 200 })
  author: string;

  @Property({ type: 'text[]' })
  sharedWith: string[];

  @Property({ type: 'timestamptz' })
  updatedAt: Date;
}
