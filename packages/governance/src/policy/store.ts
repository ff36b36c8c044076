import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '@civic/runtime';
import { catalogOf, classifiedFields, type FieldCatalog } from './catalog.js';
import { PolicyEngine } from './engine.js';
import { PolicyError, validatePolicy } from './validate.js';

/** The composed schema's fields and classifications, from the supergraph SDL. */
export function catalogFromSupergraph(path: string): FieldCatalog {
  try {
    return catalogOf(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`SUPERGRAPH_PATH: cannot read the composed schema at ${path} (${(error as Error).message})`);
  }
}

/** Parses and validates a YAML policy; a problem anywhere is a clear error, never ignored. */
export function policyFromYaml(text: string, catalog: FieldCatalog, source: string): PolicyEngine {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new PolicyError([{ path: '', message: `is not YAML: ${(error as Error).message}` }], source);
  }
  return new PolicyEngine(validatePolicy(raw, catalog, source), classifiedFields(catalog));
}

export function loadPolicyFile(policyPath: string, catalog: FieldCatalog): PolicyEngine {
  let text: string;
  try {
    text = readFileSync(policyPath, 'utf8');
  } catch (error) {
    throw new ConfigError(`POLICY_PATH: cannot read ${policyPath} (${(error as Error).message})`);
  }
  try {
    return policyFromYaml(text, catalog, policyPath);
  } catch (error) {
    if (error instanceof PolicyError) throw new ConfigError(error.message);
    throw error;
  }
}
