import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The buildings subgraph owns Building; this subgraph only adds the incidents that happened there. */
@ObjectType('Building')
@Directive('@key(fields: "id")')
export class BuildingRef {
  @Field(() => ID)
  id: number;

  static of(id: number): BuildingRef {
    return Object.assign(new BuildingRef(), { id });
  }
}
