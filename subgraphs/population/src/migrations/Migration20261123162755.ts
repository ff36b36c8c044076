import { Migration } from '@mikro-orm/migrations';

export class Migration20261123162755 extends Migration {

  override name = 'Migration20261123162755';

  override up(): void | Promise<void> {
    this.addSql(`create table "area" ("code" varchar(18) not null, "name" varchar(100) not null, "level" varchar(10) not null, "parent_code" varchar(18) null, "worker_name" varchar(100) null, "worker_phone" varchar(20) null, primary key ("code"));`);
    this.addSql(`create index "area_level_idx" on "area" ("level");`);
    this.addSql(`create index "area_parent_code_idx" on "area" ("parent_code");`);

    this.addSql(`create table "care_visit" ("id" serial primary key, "resident_id" int not null, "grid_code" varchar(18) not null, "visited_at" timestamptz not null, "visitor" varchar(100) not null, "notes" text null);`);
    this.addSql(`create index "care_visit_resident_id_idx" on "care_visit" ("resident_id");`);
    this.addSql(`create index "care_visit_grid_code_idx" on "care_visit" ("grid_code");`);

    this.addSql(`create table "household" ("id" serial primary key, "building_id" int not null, "grid_code" varchar(18) not null, "room" varchar(20) not null);`);
    this.addSql(`create index "household_building_id_idx" on "household" ("building_id");`);
    this.addSql(`create index "household_grid_code_idx" on "household" ("grid_code");`);

    this.addSql(`create table "resident" ("id" serial primary key, "name" varchar(100) not null, "gender" varchar(6) not null, "birth_date" date not null, "grid_code" varchar(18) not null, "id_number" varchar(18) not null, "phone" varchar(20) null, "building_id" int not null, "household_id" int not null, "care_categories" text[] not null, "key_personnel_category" text null, "registered_at" timestamptz not null default now());`);
    this.addSql(`create index "resident_name_idx" on "resident" ("name");`);
    this.addSql(`create index "resident_id_number_idx" on "resident" ("id_number");`);
    this.addSql(`create index "resident_building_id_idx" on "resident" ("building_id");`);
    this.addSql(`create index "resident_household_id_idx" on "resident" ("household_id");`);
    this.addSql(`create index "resident_grid_code_idx" on "resident" ("grid_code" varchar_pattern_ops, "id");`);
  }

}
