import { Migration } from '@mikro-orm/migrations';

export class Migration20261123163359 extends Migration {

  override name = 'Migration20261123163359';

  override up(): void | Promise<void> {
    this.addSql(`create table "depot" ("id" serial primary key, "name" varchar(100) not null, "grid_code" varchar(18) not null, "address" varchar(200) not null, "manager_name" varchar(100) not null, "manager_phone" varchar(20) null);`);
    this.addSql(`create index "depot_grid_code_idx" on "depot" ("grid_code" varchar_pattern_ops, "id");`);

    this.addSql(`create table "dispatch" ("id" serial primary key, "incident_id" int not null, "grid_code" varchar(18) not null, "team_id" int null, "stock_item_id" int null, "quantity" int null, "status" text not null, "dispatched_at" timestamptz not null, "note" text null, "dispatched_by" text not null);`);
    this.addSql(`create index "dispatch_incident_id_idx" on "dispatch" ("incident_id");`);
    this.addSql(`create index "dispatch_team_id_idx" on "dispatch" ("team_id");`);
    this.addSql(`create index "dispatch_stock_item_id_idx" on "dispatch" ("stock_item_id");`);
    this.addSql(`create index "dispatch_grid_code_idx" on "dispatch" ("grid_code" varchar_pattern_ops, "id");`);

    this.addSql(`create table "duty_roster" ("id" serial primary key, "grid_code" varchar(18) not null, "department" varchar(20) not null, "duty_date" date not null, "shift" varchar(5) not null, "officer_name" varchar(100) not null, "phone" varchar(20) null);`);
    this.addSql(`create index "duty_roster_duty_date_idx" on "duty_roster" ("duty_date");`);
    this.addSql(`create index "duty_roster_grid_code_idx" on "duty_roster" ("grid_code" varchar_pattern_ops, "id");`);

    this.addSql(`create table "emergency_plan" ("id" serial primary key, "title" varchar(200) not null, "risk_type" text not null, "grid_code" varchar(18) not null, "level" int not null, "summary" text not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "emergency_plan_grid_code_idx" on "emergency_plan" ("grid_code" varchar_pattern_ops, "id");`);

    this.addSql(`create table "rescue_team" ("id" serial primary key, "name" varchar(100) not null, "grid_code" varchar(18) not null, "kind" text not null, "members" int not null, "readiness" text not null, "leader_name" varchar(100) not null, "leader_phone" varchar(20) null);`);
    this.addSql(`create index "rescue_team_kind_idx" on "rescue_team" ("kind");`);
    this.addSql(`create index "rescue_team_grid_code_idx" on "rescue_team" ("grid_code" varchar_pattern_ops, "id");`);

    this.addSql(`create table "shelter" ("id" serial primary key, "name" varchar(100) not null, "grid_code" varchar(18) not null, "address" varchar(200) not null, "capacity" int not null, "occupancy" int not null);`);
    this.addSql(`create index "shelter_grid_code_idx" on "shelter" ("grid_code" varchar_pattern_ops, "id");`);

    this.addSql(`create table "stock_item" ("id" serial primary key, "depot_id" int not null, "grid_code" varchar(18) not null, "item" varchar(100) not null, "unit" varchar(20) not null, "quantity" int not null, "expires_at" date null);`);
    this.addSql(`create index "stock_item_depot_id_idx" on "stock_item" ("depot_id");`);
    this.addSql(`create index "stock_item_grid_code_idx" on "stock_item" ("grid_code" varchar_pattern_ops, "id");`);
    this.addSql(`alter table "stock_item" add constraint "stock_item_quantity_check" check (quantity >= 0);`);
  }

}
