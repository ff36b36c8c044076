import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * An entity another subgraph owns, known here by its id alone: the stub this subgraph returns for a
 * link (the gateway fetches the rest from the owner) and extends with fields of its own.
 */
export function entityReference(typeName: string) {
  @ObjectType(typeName)
  @Directive('@key(fields: "id")')
  class EntityReference {
    @Field(() => ID)
    id: number;

    static of(id: number): EntityReference {
      return Object.assign(new EntityReference(), { id });
    }
  }
  return EntityReference;
}
