import { stringify } from 'yaml';
import { classifiedFields, governedActions, type FieldCatalog } from '@civic/governance';

/**
 * A policy that allows every classified field, and every action (mutation), to every department: the baseline against which the
 * real policy's cost is measured. Enforcement still runs (graphql-shield, masks), but every decision
 * is a plain allow, so the difference is what the rules themselves cost.
 */
export function allowAllPolicyYaml(catalog: FieldCatalog): string {
  const classified = [...classifiedFields(catalog)].sort();
  const rules = [...classified, ...governedActions(catalog)].sort().map((field) => ({
    field,
    departments: ['*'],
    effect: 'allow',
    reason: 'Benchmark baseline: no access control beyond authentication.',
  }));
  // Every classified field needs its one owner; who it is does not change what the baseline costs.
  const owners = Object.fromEntries(classified.map((field) => [field, 'governance']));
  return stringify({ version: 1, owners, rules });
}
