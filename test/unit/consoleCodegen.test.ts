import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import config from '../../console/codegen';
// @ts-expect-error a plain ES module script of the console package, without type declarations
import { API_SCHEMA, apiSchemaSdl } from '../../console/scripts/apiSchema.mjs';

/**
 * The console's generated code is committed (console/schema.graphql, console/src/gql/): it must be what
 * the committed supergraph and the console's operations produce now. After a schema or operation change,
 * run `npm run codegen`.
 */
const inConsole = (path: string) => join('console', path);

describe("the console's generated GraphQL code", () => {
  it('console/schema.graphql is the API schema of the committed supergraph', () => {
    expect(readFileSync(API_SCHEMA as string, 'utf8')).toBe((apiSchemaSdl as () => string)());
  });

  it('console/src/gql/ is what GraphQL Code Generator makes of the operations', async () => {
    const generates = Object.fromEntries(Object.entries(config.generates).map(([path, output]) => [inConsole(path), output]));
    const outputs: Types.FileOutput[] = await generate({ ...config, schema: inConsole(config.schema as string), documents: (config.documents as string[]).map(inConsole), generates, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(`${output.filename}:\n${readFileSync(output.filename, 'utf8')}`).toBe(`${output.filename}:\n${output.content}`);
  });
});
