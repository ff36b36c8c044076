import { Migration } from '@mikro-orm/migrations';

export class Migration20261125104021 extends Migration {

  override name = 'Migration20261125104021';

  override up(): void | Promise<void> {
    this.addSql(`alter table "access_grant" add "subjects" text[] not null default '{}';`);

    this.addSql(`alter table "sharing_request" add "justification" text null, add "subjects" text[] not null default '{}';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "access_grant" drop column "subjects";`);

    this.addSql(`alter table "sharing_request" drop column "justification", drop column "subjects";`);
  }

}
