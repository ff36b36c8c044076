import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { guardArguments, isOwnScalar, lenientScalar } from './inputGuard.js';

type ResolverMap = Record<string, Record<string, unknown>>;

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@tag", "@cost", "@listSize"])';

export interface SubgraphSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /** `__resolveReference` per entity type this subgraph owns or extends. */
  referenceResolvers: ResolverMap;
  orphanedTypes?: Function[];
}

export interface SubgraphSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL with federation directives, as composition reads it. */
  sdl: string;
}

/**
 * type-graphql builds the schema from decorated classes; printing it with its directives keeps `@key`,
 * and `buildSubgraphSchema` adds `_entities`/`_service` and the reference resolvers. Every argument then
 * passes the input guard (inputGuard.ts), which reports bad scalar values the lenient scalars let through.
 */
export async function buildFederatedSchema(options: SubgraphSchemaOptions): Promise<SubgraphSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    validate: false,
    emitSchemaFile: false,
    // type-graphql would check its schema by running the introspection query on it; this schema is only
    // printed, and buildSubgraphSchema validates what it builds from the print.
    skipCheck: true,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}\n`;
  const generated = createResolversMap(typeGraphqlSchema) as ResolverMap;
  const resolvers: ResolverMap = Object.fromEntries(
    Object.entries(generated).map(([name, value]) => [name, isOwnScalar(name, value) ? (lenientScalar(value) as never) : value]),
  );
  for (const [typeName, extra] of Object.entries(options.referenceResolvers)) {
    resolvers[typeName] = { ...generated[typeName], ...extra };
  }
  const schema = guardArguments(buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]));
  return { schema, sdl };
}
