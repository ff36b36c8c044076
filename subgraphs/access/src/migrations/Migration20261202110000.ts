import { Migration } from '@mikro-orm/migrations';

/** Saved reports: definitions only, never results. */
export class Migration20261202110000 extends Migration {

  override name = 'Migration20261202110000';

  override up(): void | Promise<void> {
    this.addSql(`create table "saved_report" ("id" serial primary key, "name" varchar(200) not null, "description" text not null, "operation" text not null, "operation_name" varchar(100) null, "variables" jsonb not null, "rows_at" varchar(200) not null, "columns" jsonb not null, "conditions" jsonb not null, "group_by" jsonb not null, "aggregates" jsonb not null, "department" varchar(20) not null, "author" varchar(200) not null, "shared_with" text[] not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "saved_report_department_idx" on "saved_report" ("department");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "saved_report" cascade;`);
  }

}
