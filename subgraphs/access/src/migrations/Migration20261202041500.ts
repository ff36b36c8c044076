import { Migration } from '@mikro-orm/migrations';

export class Migration20261202041500 extends Migration {

  override name = 'Migration20261202041500';

  override up(): void | Promise<void> {
    this.addSql(`alter table "access_grant" add "revoked_by" varchar(200) null, add "revocation_reason" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "access_grant" drop column "revoked_by", drop column "revocation_reason";`);
  }

}
