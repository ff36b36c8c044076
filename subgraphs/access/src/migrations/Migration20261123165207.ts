import { Migration } from '@mikro-orm/migrations';

export class Migration20261123165207 extends Migration {

  override name = 'Migration20261123165207';

  override up(): void | Promise<void> {
    this.addSql(`create table "access_grant" ("id" serial primary key, "request_id" int not null, "department" varchar(20) not null, "fields" text[] not null, "scope" varchar(18) not null, "purpose" text not null, "valid_from" timestamptz not null, "valid_until" timestamptz not null, "granted_by" varchar(200) not null, "revoked_at" timestamptz null);`);
    this.addSql(`create index "access_grant_department_idx" on "access_grant" ("department");`);
    this.addSql(`create index "access_grant_valid_until_idx" on "access_grant" ("valid_until");`);

    this.addSql(`create table "audit_record" ("id" bigserial primary key, "at" timestamptz not null, "subject" varchar(200) not null, "department" varchar(20) not null, "roles" varchar(200) not null, "purpose" text null, "type_name" varchar(60) not null, "field_name" varchar(60) not null, "record_id" varchar(40) not null, "record_grid_code" varchar(18) null, "decision" varchar(10) not null, "grant_id" int null, "subgraph" varchar(30) not null);`);
    this.addSql(`create index "audit_record_at_idx" on "audit_record" ("at");`);
    this.addSql(`create index "audit_record_department_idx" on "audit_record" ("department");`);
    this.addSql(`create index "audit_record_subject_idx" on "audit_record" ("type_name", "record_id");`);

    this.addSql(`create table "department" ("code" varchar(20) not null, "name" varchar(100) not null, "owned_subgraphs" text[] not null, primary key ("code"));`);

    this.addSql(`create table "policy_version" ("version" int not null, "document" jsonb not null, "author" varchar(200) not null, "reason" text not null, "published_at" timestamptz not null, "based_on" int null, primary key ("version"));`);

    this.addSql(`create table "sharing_request" ("id" serial primary key, "requesting_department" varchar(20) not null, "requested_by" varchar(200) not null, "owner_departments" text[] not null, "fields" text[] not null, "purpose" text not null, "scope" varchar(18) not null, "duration_seconds" int not null, "status" varchar(10) not null, "requested_at" timestamptz not null, "decided_by" varchar(200) null, "decided_at" timestamptz null, "decision_reason" text null, "grant_id" int null);`);
    this.addSql(`create index "sharing_request_requesting_idx" on "sharing_request" ("requesting_department");`);
  }

}
