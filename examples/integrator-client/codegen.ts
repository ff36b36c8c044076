import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types and typed documents for the example's operations (src/operations/*.graphql), from the graph's API
 * schema: the same file the console generates from (console/schema.graphql, written by the console's
 * scripts/apiSchema.mjs from the committed supergraph), so that there is one source.
 * `npm run codegen` at the root refreshes that schema, then this output; a unit test says when it is stale.
 */
const config: CodegenConfig = {
  schema: '../../console/schema.graphql',
  documents: ['src/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      // Node's ES modules need the extension in relative imports: `./graphql.js`, not `./graphql`.
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTimeISO: 'string' }, importExtension: '.js' },
    },
  },
};
export default config;
