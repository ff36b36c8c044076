import { Migration } from '@mikro-orm/migrations';

/** Every subgraph keeps a live-event outbox (the data subgraphs, and the access service for its grants); this migration is shared by all of them. */
export class Migration20261202010000LiveOutbox extends Migration {
  override name = 'Migration20261202010000LiveOutbox';

  override up(): void {
    this.addSql(`create table "live_outbox" ("id" bigserial primary key, "kind" varchar(40) not null, "record_id" varchar(20) not null, "grid_code" varchar(18) not null, "occurred_at" timestamptz not null);`);
  }

  override down(): void {
    this.addSql('drop table if exists "live_outbox";');
  }
}

export const liveOutboxMigration = { name: 'Migration20261202010000LiveOutbox', class: Migration20261202010000LiveOutbox };
