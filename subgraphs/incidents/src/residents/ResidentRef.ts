import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The population subgraph owns Resident; this subgraph only adds the incidents a resident reported or is in. */
@ObjectType('Resident')
@Directive('@key(fields: "id")')
export class ResidentRef {
  @Field(() => ID)
  id: number;

  static of(id: number): ResidentRef {
    return Object.assign(new ResidentRef(), { id });
  }
}
