import { Directive, Field, ObjectType } from 'type-graphql';

/** The population subgraph owns Grid; this subgraph only adds the buildings that stand in it. */
@ObjectType('Grid')
@Directive('@key(fields: "code")')
export class GridRef {
  @Field()
  code: string;

  static of(code: string): GridRef {
    return Object.assign(new GridRef(), { code });
  }
}
