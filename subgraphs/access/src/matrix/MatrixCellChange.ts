import type { MatrixChange } from '@civic/governance';
import { Field, ObjectType } from 'type-graphql';
import { cellView, MatrixCellView } from './MatrixResolver.js';

@ObjectType({ description: 'A cell of who-sees-what that a proposed policy changes, with a made-up value as the department would then see it (no real data is read).' })
export class MatrixCellChange {
  @Field({ description: 'Type.field' })
  field: string;

  @Field()
  department: string;

  @Field(() => MatrixCellView)
  before: MatrixCellView;

  @Field(() => MatrixCellView)
  after: MatrixCellView;

  @Field(() => String, { nullable: true, description: 'An officer of the department reading a made-up value inside the jurisdiction, under the policy in force; null when refused.' })
  exampleBefore: string | null;

  @Field(() => String, { nullable: true, description: 'The same under the proposed policy.' })
  exampleAfter: string | null;
}

export const cellChangeView = (change: MatrixChange): MatrixCellChange => ({
  field: change.field,
  department: change.department,
  before: cellView(change.before),
  after: cellView(change.after),
  exampleBefore: change.exampleBefore,
  exampleAfter: change.exampleAfter,
});
