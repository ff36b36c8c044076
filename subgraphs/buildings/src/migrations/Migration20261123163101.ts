import { Migration } from '@mikro-orm/migrations';

export class Migration20261123163101 extends Migration {

  override name = 'Migration20261123163101';

  override up(): void | Promise<void> {
    this.addSql(`create table "building" ("id" serial primary key, "address" varchar(200) not null, "grid_code" varchar(18) not null, "use" varchar(20) not null, "structure" varchar(20) not null, "floors" int not null, "year_built" int not null, "manager_name" varchar(100) not null, "manager_phone" varchar(20) null, "fire_key_place" boolean not null);`);
    this.addSql(`create index "building_grid_code_idx" on "building" ("grid_code" varchar_pattern_ops, "id");`);

    this.addSql(`create table "hazard" ("id" serial primary key, "building_id" int not null, "grid_code" varchar(18) not null, "category" varchar(30) not null, "severity" varchar(10) not null, "status" varchar(12) not null, "description" text not null, "reported_at" timestamptz not null, "deadline" timestamptz not null, "closed_at" timestamptz null, "rectification_note" text null);`);
    this.addSql(`create index "hazard_building_id_idx" on "hazard" ("building_id");`);
    this.addSql(`create index "hazard_status_idx" on "hazard" ("status");`);
    this.addSql(`create index "hazard_grid_code_idx" on "hazard" ("grid_code" varchar_pattern_ops, "id");`);

    this.addSql(`create table "inspection" ("id" serial primary key, "building_id" int not null, "grid_code" varchar(18) not null, "inspected_at" timestamptz not null, "inspector" varchar(255) not null, "department" varchar(20) not null, "result" varchar(20) not null, "notes" text not null);`);
    this.addSql(`create index "inspection_building_id_idx" on "inspection" ("building_id");`);
    this.addSql(`create index "inspection_grid_code_idx" on "inspection" ("grid_code" varchar_pattern_ops, "id");`);
  }

}
