import { Migration } from '@mikro-orm/migrations';

/** The sharing classes owners declare in the data catalogue, in place of the derived ones. */
export class Migration20261202090000 extends Migration {

  override name = 'Migration20261202090000';

  override up(): void | Promise<void> {
    this.addSql(`create table "sharing_class_override" ("field" varchar(120) not null, "sharing_class" varchar(20) not null, "reason" text not null, "set_by" varchar(200) not null, "set_at" timestamptz not null, constraint "sharing_class_override_pkey" primary key ("field"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sharing_class_override" cascade;`);
  }

}
