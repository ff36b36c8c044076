import { InputLimit } from '@civic/subgraph-kit';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Sends a READY rescue team to an incident.' })
export class DispatchTeamInput {
  @Field(() => ID)
  incidentId: string;

  @Field(() => ID)
  teamId: string;

  @InputLimit({ maxLength: 1000 })
  @Field(() => String, { nullable: true })
  note?: string;
}

@InputType({ description: 'Sends a quantity of one stock item to an incident.' })
export class DispatchStockInput {
  @Field(() => ID)
  incidentId: string;

  @Field(() => ID)
  stockItemId: string;

  @Field(() => Int, { description: 'How many units; at most what the item has left.' })
  quantity: number;

  @InputLimit({ maxLength: 1000 })
  @Field(() => String, { nullable: true })
  note?: string;
}
