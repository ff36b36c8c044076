import { Migration } from '@mikro-orm/migrations';

/** Remembers which end of a grant has been reported to the live feed (grant.expiring), so each is reported once. */
export class Migration20261202080000 extends Migration {

  override name = 'Migration20261202080000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "access_grant" add column "expiry_reported_for" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "access_grant" drop column "expiry_reported_for";`);
  }

}
