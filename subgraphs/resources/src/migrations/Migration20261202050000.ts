import { Migration } from '@mikro-orm/migrations';

/** Remembers which expiry day of a stock item has been reported to the live feed (stock.expiring), so each is reported once. */
export class Migration20261202050000 extends Migration {

  override name = 'Migration20261202050000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "stock_item" add column "expiry_reported_for" date null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "stock_item" drop column "expiry_reported_for";`);
  }

}
