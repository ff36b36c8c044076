import { Directive } from 'type-graphql';

/**
 * How sensitive a field is. `public` fields (and fields with no declaration) are visible to every
 * authenticated caller; the other levels are classified: visible only where the policy says so.
 */
export const CLASSIFICATIONS = ['public', 'internal', 'sensitive', 'highly_sensitive'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * Declares a field's classification next to its definition: `@Classified('sensitive') @Field(...)`.
 * It travels as a federation `@tag`, so composition carries it into the supergraph, where the
 * policy validator and integrators can read it.
 */
export function Classified(level: Classification): MethodDecorator & PropertyDecorator {
  return Directive(`@tag(name: "classification:${level}")`) as MethodDecorator & PropertyDecorator;
}
