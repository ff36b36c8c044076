import { Migration } from '@mikro-orm/migrations';

/** Every subgraph that serves classified fields keeps an audit outbox; this migration is shared by all of them. */
export class Migration20261123170000AuditOutbox extends Migration {
  override name = 'Migration20261123170000AuditOutbox';

  override up(): void {
    this.addSql(`create table "audit_outbox" ("id" bigserial primary key, "at" timestamptz not null, "subject" varchar(200) not null, "department" varchar(20) not null, "roles" varchar(200) not null, "purpose" text null, "subgraph" varchar(30) not null, "reads" text not null);`);
  }

  override down(): void {
    this.addSql('drop table if exists "audit_outbox";');
  }
}

export const auditOutboxMigration = { name: 'Migration20261123170000AuditOutbox', class: Migration20261123170000AuditOutbox };
