import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The incidents subgraph owns Incident; this subgraph only adds what was dispatched to it. */
@ObjectType('Incident')
@Directive('@key(fields: "id")')
export class IncidentRef {
  @Field(() => ID)
  id: number;

  static of(id: number): IncidentRef {
    return Object.assign(new IncidentRef(), { id });
  }
}
