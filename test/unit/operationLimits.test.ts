import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, getNullableType, isListType, isObjectType, parse, validate, type OperationDefinitionNode } from 'graphql';
import { costDeclarationsOf, estimateCost } from '@civic/gateway/limits/cost';
import { SERVER_PAGE_CAP, type OperationLimits } from '@civic/gateway/limits/settings';
import { limitValidationRules } from '@civic/gateway/limits/validationRules';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@civic/subgraph-kit';
import { ConfigError } from '@civic/runtime';
import { gatewayConfigFromEnv } from '@civic/gateway';

/**
 * The numbers below are worked out by hand from the sizes the subgraphs declare in the composed
 * supergraph: Building.residents 100, Resident.incidents 20, Incident.dispatches 20,
 * Resident.householdMembers 10; connections hold `first` edges (20 without it, at most 200).
 * Each object costs 1, scalars 0, each mutation field 10.
 */
const supergraphSdl = readFileSync('schema/supergraph.graphql', 'utf8');
const schema = buildSchema(supergraphSdl);
const declarations = costDeclarationsOf(supergraphSdl);

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return estimateCost(schema, document, operation, declarations, variables);
}

describe('the cost estimate multiplies list sizes', () => {
  it('counts a page by its first argument: the connection, and each edge and node', () => {
    expect(costOf('{ residents(first: 200) { edges { node { id name } } totalCount } }')).toBe(1 + 200 * 2);
  });

  it('takes the default page without first, the cap above it, and first from the variables', () => {
    expect(costOf('{ residents { edges { node { id } } } }')).toBe(41);
    expect(costOf('{ residents(first: 5000) { edges { node { id } } } }')).toBe(401);
    expect(costOf('query ($n: Int) { residents(first: $n) { edges { node { id } } } }', { n: 50 })).toBe(101);
    expect(costOf('query ($n: Int) { residents(first: $n) { edges { node { id } } } }')).toBe(41);
  });

  it('multiplies nested lists across subgraphs by their declared sizes', () => {
    // node = 1 + residents 100 x (1 + incidents 20 x (1 + dispatches 20 x 1)) = 42101; 10 edges of (1 + 42101), plus the connection.
    expect(costOf('{ buildings(first: 10) { edges { node { residents { incidents { dispatches { id } } } } } } }')).toBe(421_021);
  });

  it('expands fragments, inline and named', () => {
    const query = `{ ...Page }
      fragment Page on Query { residents(first: 2) { edges { node { ...Links } } } }
      fragment Links on Resident { building { id } ... on Resident { householdMembers { id } } }`;
    // node = 1 + building 1 + householdMembers 10 = 12; 2 edges of 13; plus the connection.
    expect(costOf(query)).toBe(27);
  });

  it('costs 10 per mutation field', () => {
    const field = 'reportIncident(input: { category: FIRE, gridCode: "1", description: "x", severity: LOW }) { id }';
    expect(costOf(`mutation { a: ${field} b: ${field} c: ${field} }`)).toBe(30);
  });

  it('costs nested fragments once each, so doubling them stays fast and the number grows as the answer would', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Resident { a: householdMembers { ...F${i + 1} } b: householdMembers { ...F${i + 1} } }`);
    const query = `{ residents(first: 1) { edges { node { ...F0 } } } } ${fragments.join(' ')} fragment F${levels} on Resident { id }`;
    const started = performance.now();
    const cost = costOf(query);
    // Walking each expanded selection would take 2^40 steps; a generous ceiling for a busy machine.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(cost).toBeGreaterThan(20 ** levels);
  });

  it('stops at a fragment cycle instead of recursing forever', () => {
    const query = '{ resident(id: "1") { ...A } } fragment A on Resident { householdMembers { ...B } } fragment B on Resident { householdMembers { ...A } }';
    // A = 10 x (1 + B), B = 10 x (1 + A as met inside itself: 0) = 10, so A = 110; plus the resident.
    expect(costOf(query)).toBe(111);
  });

  it('leaves introspection out: its size is the schema\'s', () => {
    expect(costOf('{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});

describe('list sizes as the subgraphs declare them', () => {
  it('agrees with the subgraphs on the page cap and the default page', () => {
    expect(SERVER_PAGE_CAP).toBe(MAX_PAGE_SIZE);
    expect(declarations.get('Query.residents')).toEqual({ assumedSize: DEFAULT_PAGE_SIZE, slicingArguments: ['first'], sizedFields: ['edges'], weight: undefined });
  });

  it('declares a size on every list of objects, but for the conditions of a policy rule (shared with an input type)', () => {
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection')) continue;
      for (const field of Object.values(type.getFields())) {
        const listOfObjects = isListType(getNullableType(field.type)) && isObjectType(getNamedType(field.type));
        if (listOfObjects && !declarations.has(`${type.name}.${field.name}`)) undeclared.push(`${type.name}.${field.name}`);
      }
    }
    expect(undeclared.sort()).toEqual(['NumberedRule.when', 'PolicyRule.when']);
  });
});

describe('limits checked while the document is validated', () => {
  const limits: OperationLimits = { maxTokens: 5000, maxDepth: 5, maxAliases: 3, maxDirectives: 2, maxRootFields: 2, maxMutationFields: 1, maxCost: 100 };
  const refusals = (query: string) => validate(schema, parse(query), limitValidationRules(limits)).map((error) => error.extensions);

  it('counts depth as levels of fields, fragments expanded but not counted as levels', () => {
    expect(refusals('{ residents { edges { node { building { id } } } } }')).toEqual([]);
    const deep = '{ residents { edges { node { ...R } } } } fragment R on Resident { building { residents { id } } }';
    expect(refusals(deep)).toEqual([{ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxDepth', found: 6, allowed: 5, http: { status: 400 } }]);
  });

  it('counts aliases and directives through fragments, each spread counted', () => {
    expect(refusals('{ a: resident(id: "1") { ...N } } fragment N on Resident { b: name c: phone }')).toEqual([]);
    expect(refusals('{ a: resident(id: "1") { ...N } b: resident(id: "2") { ...N } } fragment N on Resident { c: name }')[0]).toMatchObject({ limit: 'maxAliases', found: 4, allowed: 3 });
    expect(refusals('query ($x: Boolean!) { resident(id: "1") { id @include(if: $x) name @skip(if: $x) phone @include(if: $x) } }')[0]).toMatchObject({ limit: 'maxDirectives', found: 3, allowed: 2 });
  });

  it('counts root fields per operation, mutations on their own smaller limit', () => {
    expect(refusals('{ ...R resident(id: "3") { id } } fragment R on Query { a: grids { code } b: areas { code } }')[0]).toMatchObject({ limit: 'maxRootFields', found: 3, allowed: 2 });
    const field = 'reportIncident(input: { category: FIRE, gridCode: "1", description: "x", severity: LOW }) { id }';
    expect(refusals(`mutation { ${field} }`)).toEqual([]);
    expect(refusals(`mutation { ${field} again: ${field} }`)[0]).toMatchObject({ limit: 'maxMutationFields', found: 2, allowed: 1 });
  });

  it('names one limit per document, the first exceeded', () => {
    const many = Array.from({ length: 6 }, (_, i) => `a${i}: grids { code }`).join(' ');
    expect(refusals(`{ ${many} }`)).toEqual([expect.objectContaining({ limit: 'maxRootFields', found: 6, allowed: 2 })]);
  });
});

describe('limits configured by environment variables', () => {
  it('has a default for each, and takes the variables in their place', () => {
    expect(gatewayConfigFromEnv({}).limits).toEqual({
      operation: { maxTokens: 5000, maxDepth: 12, maxAliases: 15, maxDirectives: 20, maxRootFields: 10, maxMutationFields: 3, maxCost: 50_000 },
      rate: { perUser: 1200, perDepartment: 12_000, windowSeconds: 60, redisUrl: undefined, keyPrefix: 'civic:rate' },
      report: { maxRows: 100_000, timeoutMs: 300_000 },
    });
    const configured = gatewayConfigFromEnv({ GATEWAY_MAX_DEPTH: '8', GATEWAY_MAX_COST: '500', REDIS_URL: 'redis://cache:6379', GATEWAY_RATE_LIMIT_USER: '10', REPORT_MAX_ROWS: '1000' }).limits;
    expect(configured.report).toMatchObject({ maxRows: 1000 });
    expect(configured.operation).toMatchObject({ maxDepth: 8, maxCost: 500 });
    expect(configured.rate).toMatchObject({ perUser: 10, redisUrl: 'redis://cache:6379' });
  });

  it('refuses a value that is no limit, naming every variable at once', () => {
    let problems: string[] = [];
    try {
      gatewayConfigFromEnv({ GATEWAY_MAX_DEPTH: 'deep', GATEWAY_MAX_ALIASES: '0', REDIS_URL: 'http://cache', GATEWAY_RATE_KEY_PREFIX: 'a b' });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems.map((problem) => problem.variable);
    }
    expect(problems.sort()).toEqual(['GATEWAY_MAX_ALIASES', 'GATEWAY_MAX_DEPTH', 'GATEWAY_RATE_KEY_PREFIX', 'REDIS_URL']);
  });
});
