import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for the console's operations (src/operations/*.graphql), from the graph's API schema: the
 * committed supergraph without federation's directives (scripts/apiSchema.mjs writes schema.graphql).
 * `npm run codegen -w @civic/console` after changing an operation or the schema; a unit test says when
 * the committed output is stale.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTimeISO: 'string' } },
    },
  },
};
export default config;
