import { createParameterDecorator } from 'type-graphql';

/**
 * A field resolver's parent object, exactly as the resolver above it returned it. type-graphql's @Root()
 * copies a parent that is not an instance of the parameter's declared class into a new instance; for an
 * entity class that runs MikroORM's property setters once per property and per field resolved, which
 * cost more than the hydration plain rows skip (see findPlainRows). Resolvers here take their parent
 * through @Parent() only.
 */
export const Parent = () => createParameterDecorator(({ root }) => root);
