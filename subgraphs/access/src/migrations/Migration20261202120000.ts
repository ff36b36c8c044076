import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail partitioned by month of `at` (see audit/partitions.ts, which makes and drops the
 * months). The records already there move into their months' partitions with their ids; the indexes serve
 * the trail's two questions: who read this record (type, record, then id order) and what a department
 * read in a period (department, at).
 */
export class Migration20261202120000 extends Migration {

  override name = 'Migration20261202120000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_record" rename to "audit_record_unpartitioned";`);
    this.addSql(`create table "audit_record" ("id" bigint not null default nextval('audit_record_id_seq'), "at" timestamptz not null, "subject" varchar(200) not null, "department" varchar(20) not null, "roles" varchar(200) not null, "purpose" text null, "type_name" varchar(60) not null, "field_name" varchar(60) not null, "record_id" varchar(40) not null, "record_grid_code" varchar(18) null, "decision" varchar(10) not null, "grant_id" int null, "subgraph" varchar(30) not null, constraint "audit_record_pkey_at" primary key ("id", "at")) partition by range ("at");`);
    this.addSql(`alter sequence "audit_record_id_seq" owned by "audit_record"."id";`);
    this.addSql(`create index "audit_record_at_idx_p" on "audit_record" ("at");`);
    this.addSql(`create index "audit_record_department_at_idx" on "audit_record" ("department", "at");`);
    this.addSql(`create index "audit_record_record_idx" on "audit_record" ("type_name", "record_id", "id");`);
    // One partition per month that already holds records, then the records, ids kept.
    this.addSql(`do $$
      declare month timestamptz;
      begin
        for month in select distinct date_trunc('month', "at" at time zone 'UTC') at time zone 'UTC' from "audit_record_unpartitioned" loop
          execute format('create table %I partition of "audit_record" for values from (%L) to (%L)',
            'audit_record_' || to_char(month at time zone 'UTC', 'YYYY_MM'), month, month + interval '1 month');
        end loop;
      end $$;`);
    this.addSql(`insert into "audit_record" select * from "audit_record_unpartitioned";`);
    this.addSql(`drop table "audit_record_unpartitioned";`);
    this.addSql(`alter index "audit_record_at_idx_p" rename to "audit_record_at_idx";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create table "audit_record_unpartitioned" (like "audit_record" including defaults);`);
    this.addSql(`insert into "audit_record_unpartitioned" select * from "audit_record";`);
    this.addSql(`alter sequence "audit_record_id_seq" owned by "audit_record_unpartitioned"."id";`);
    this.addSql(`drop table "audit_record";`);
    this.addSql(`alter table "audit_record_unpartitioned" rename to "audit_record";`);
    this.addSql(`alter table "audit_record" add primary key ("id");`);
    this.addSql(`create index "audit_record_at_idx" on "audit_record" ("at");`);
    this.addSql(`create index "audit_record_department_idx" on "audit_record" ("department");`);
    this.addSql(`create index "audit_record_subject_idx" on "audit_record" ("type_name", "record_id");`);
  }

}
