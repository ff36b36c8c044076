import { Migration } from '@mikro-orm/migrations';

export class Migration20261123163134 extends Migration {

  override name = 'Migration20261123163134';

  override up(): void | Promise<void> {
    this.addSql(`create table "incident" ("id" serial primary key, "grid_code" varchar(18) not null, "building_id" int null, "category" varchar(20) not null, "source" varchar(20) not null, "status" varchar(20) not null, "severity" varchar(10) not null, "title" varchar(200) not null, "description" text not null, "reporter_resident_id" int null, "reported_at" timestamptz not null, "deadline" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "incident_building_id_idx" on "incident" ("building_id");`);
    this.addSql(`create index "incident_status_idx" on "incident" ("status");`);
    this.addSql(`create index "incident_reporter_resident_id_idx" on "incident" ("reporter_resident_id");`);
    this.addSql(`create index "incident_reported_at_idx" on "incident" ("reported_at");`);
    this.addSql(`create index "incident_grid_code_idx" on "incident" ("grid_code" varchar_pattern_ops, "id");`);

    this.addSql(`create table "incident_resident" ("id" serial primary key, "incident_id" int not null, "resident_id" int not null, "grid_code" varchar(18) not null, "role" varchar(20) not null);`);
    this.addSql(`create index "incident_resident_incident_id_idx" on "incident_resident" ("incident_id");`);
    this.addSql(`create index "incident_resident_resident_id_idx" on "incident_resident" ("resident_id");`);
    this.addSql(`create index "incident_resident_grid_code_idx" on "incident_resident" ("grid_code" varchar_pattern_ops, "id");`);

    this.addSql(`create table "timeline_entry" ("id" serial primary key, "incident_id" int not null, "grid_code" varchar(18) not null, "at" timestamptz not null, "department" varchar(20) not null, "actor" text not null, "action" varchar(100) not null, "note" text null);`);
    this.addSql(`create index "timeline_entry_incident_id_idx" on "timeline_entry" ("incident_id");`);
    this.addSql(`create index "timeline_entry_grid_code_idx" on "timeline_entry" ("grid_code" varchar_pattern_ops, "id");`);
  }

}
