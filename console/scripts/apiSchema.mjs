/**
 * The graph's API schema, what clients see: the committed supergraph (schema/supergraph.graphql) with
 * federation's join and link machinery removed, as Apollo's own tooling computes it. Run as a script, it
 * writes console/schema.graphql, which GraphQL Code Generator reads.
 */
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
export const API_SCHEMA = fileURLToPath(new URL('../schema.graphql', import.meta.url));

export function apiSchemaSdl(supergraphSdl = readFileSync(SUPERGRAPH, 'utf8')) {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(API_SCHEMA, apiSchemaSdl());
