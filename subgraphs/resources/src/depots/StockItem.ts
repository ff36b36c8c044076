import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { gridCodeIndex } from '@civic/subgraph-kit';

@Entity({ tableName: 'stock_item' })
@ObjectType({ description: 'One kind of supply held at a depot.' })
export class StockItem {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property()
  @Index({ name: 'stock_item_depot_id_idx' })
  depotId: number;

  @Property({ length: 18 })
  @Index(gridCodeIndex('stock_item'))
  @Field({ description: 'The grid of the depot holding this stock.' })
  gridCode: string;

  @Property({ length: 100 })
  @Field({ description: 'What is stored, e.g. "Sandbags".' })
  item: string;

  @Property({ length: 20 })
  @Field({ description: 'The unit quantity counts, e.g. "bag".' })
  unit: string;

  /** The database refuses a negative quantity, whatever the application does. */
  @Property()
  @Check({ name: 'stock_item_quantity_check', expression: 'quantity >= 0' })
  @Field(() => Int)
  quantity: number;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Last usable day, YYYY-MM-DD; null for supplies that keep.' })
  expiresAt: string | null;

  /** The expiry day last reported to the live feed (stock.expiring); not part of the graph. */
  @Property({ type: 'date', nullable: true })
  expiryReportedFor: string | null = null;
}
