import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import config from '../../examples/integrator-client/codegen';

/**
 * The example client's generated code is committed (examples/integrator-client/src/gql/): it must be what
 * its operations and the API schema (console/schema.graphql, checked against the supergraph by
 * consoleCodegen.test.ts) produce now. After a schema or operation change, run `npm run codegen`.
 */
const inExample = (path: string) => join('examples/integrator-client', path);

describe("the example client's generated GraphQL code", () => {
  it('examples/integrator-client/src/gql/ is what GraphQL Code Generator makes of the operations', async () => {
    const generates = Object.fromEntries(Object.entries(config.generates).map(([path, output]) => [inExample(path), output]));
    const outputs: Types.FileOutput[] = await generate({ ...config, schema: inExample(config.schema as string), documents: (config.documents as string[]).map(inExample), generates, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(`${output.filename}:\n${readFileSync(output.filename, 'utf8')}`).toBe(`${output.filename}:\n${output.content}`);
  });
});
