import { Migration } from '@mikro-orm/migrations';

export class Migration20261125104445 extends Migration {

  override name = 'Migration20261125104445';

  override up(): void | Promise<void> {
    this.addSql(`drop index "resident_id_number_idx";`);
    this.addSql(`alter table "resident" add constraint "resident_id_number_unique" unique ("id_number");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "resident" drop constraint "resident_id_number_unique";`);
    this.addSql(`create index "resident_id_number_idx" on "resident" ("id_number");`);
  }

}
