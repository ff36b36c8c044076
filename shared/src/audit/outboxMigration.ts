import { Migration } from '@mikro-orm/migrations';

/** Every subgraph that serves classified fields keeps an audit outbox; this migration is shared by all of them. */
export class Migration20261123170000AuditOutbox extends Migration {
  override name = 'Migration20261123170000AuditOutbox';

  override up(): void {
    this.addSql(`create table "audit_outbox" ("id" bigserial primary key, "at" timestamptz not null, "subject" varchar(200) not null, "department" varchar(20) not null, "roles" varchar(200) not null, "purpose" text null, "type_name" varchar(60) not null, "field_name" varchar(60) not null, "record_id" varchar(40) not null, "record_grid_code" varchar(18) null, "decision" varchar(10) not null, "grant_id" int null, "subgraph" varchar(30) not null);`);
    this.addSql(`create index "audit_outbox_grid_code_idx" on "audit_outbox" ("record_grid_code");`);
  }

  override down(): void {
    this.addSql('drop table if exists "audit_outbox";');
  }
}

export const auditOutboxMigration = { name: 'Migration20261123170000AuditOutbox', class: Migration20261123170000AuditOutbox };
