import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { catalogFromSupergraph, PolicyError, protectCount, smallCountRule, validatePolicy } from '@civic/governance';

const catalog = catalogFromSupergraph('schema/supergraph.graphql');
const demo = () => parse(readFileSync('schema/policy.yaml', 'utf8')) as Record<string, unknown>;
const problemsOf = (document: unknown) => {
  try {
    validatePolicy(document, catalog);
  } catch (error) {
    if (error instanceof PolicyError) return error.problems;
    throw error;
  }
  return [];
};

describe('small counts', () => {
  const document = validatePolicy(demo(), catalog);

  it('are exact when no special field is involved, and protected when one is', () => {
    expect(smallCountRule(document, ['Resident.gridCode', 'Resident.age'])).toEqual({ protection: 'EXACT', threshold: null });
    expect(smallCountRule(document, ['Resident.gridCode', 'Resident.careCategories'])).toEqual({ protection: 'SUPPRESSED_AND_ROUNDED', threshold: 5 });
    expect(smallCountRule({ ...document, smallCounts: undefined }, ['Resident.careCategories'])).toEqual({ protection: 'EXACT', threshold: null });
  });

  it.each([
    [0, null], [1, null], [4, null], [5, 5], [7, 5], [8, 10], [12, 10], [13, 15], [1001, 1000],
  ])('publish %i as %p under a threshold of 5 (rounded to a multiple of 5)', (count, published) => {
    expect(protectCount(count, { protection: 'SUPPRESSED_AND_ROUNDED', threshold: 5 })).toBe(published);
  });

  it('never publish a group that exists as 0, and leave exact counts alone', () => {
    expect(protectCount(2, { protection: 'SUPPRESSED_AND_ROUNDED', threshold: 2 })).toBe(5);
    expect(protectCount(3, { protection: 'EXACT', threshold: null })).toBe(3);
  });

  it('are set in the policy: a threshold from 2 to 100 and fields of the schema, every problem named', () => {
    expect(problemsOf({ ...demo(), smallCounts: { threshold: 1, fields: ['Resident.shoeSize'], k: 3 } })).toEqual([
      { path: 'smallCounts.k', message: 'is not a small-count setting; use threshold or fields' },
      { path: 'smallCounts.threshold', message: 'must be a whole number from 2 to 100 (the smallest count of a special group that may be shown)' },
      { path: 'smallCounts.fields[0]', message: 'no field Resident.shoeSize in the composed schema' },
    ]);
    expect(problemsOf({ ...demo(), smallCounts: 5 })).toEqual([{ path: 'smallCounts', message: 'must be a mapping with threshold and fields' }]);
  });
});
