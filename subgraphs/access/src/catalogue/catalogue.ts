import { accessMatrix, classifiedFields, ownerOf, PolicyEngine, sharingClassOf, type Decision, type FieldCatalog, type PolicyDocument, type SharingClass } from '@civic/governance';
import { DEPARTMENTS, type EntityManager, type Identity } from '@civic/runtime';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { Department } from '../departments/Department.js';
import { AccessGrant, toEnforcedGrant } from '../sharing/AccessGrant.js';
import { SharingClassOverride } from './SharingClassOverride.js';

/** What a caller gets of a field: the engine's decision for a record inside their jurisdiction and one outside. */
export interface CallerAccess {
  inside: Decision;
  outside: Decision;
}

/** One field of the catalogue, as computed for one caller. */
export interface CatalogueItem {
  field: string;
  typeName: string;
  fieldName: string;
  subgraph: string | null;
  owner: string | null;
  description: string | null;
  classification: string;
  derivedSharingClass: SharingClass;
  override: SharingClassOverride | null;
  yourAccess: CallerAccess;
  howToGetMore: string | null;
}

/** The access subgraph's own types (policy, sharing, audit) are the platform's, not a department's data. */
const PLATFORM_SUBGRAPH = 'access';
/** A grid code inside no jurisdiction: what a caller gets of records elsewhere. */
const OUTSIDE = '999999999999999';
/** Any officer of each department: the class describes what a department gets, not one person. */
const MATRIX_JURISDICTION = '330101001';

function dataFields(catalog: FieldCatalog) {
  return [...catalog].flatMap(([typeName, type]) => {
    if (typeName === 'Mutation') return [];
    const subgraphs = new Set([...type.fields.values()].flatMap((info) => (info.subgraph ? [info.subgraph] : [])));
    if (subgraphs.size === 1 && subgraphs.has(PLATFORM_SUBGRAPH)) return [];
    return [...type.fields.values()].filter((info) => info.subgraph !== PLATFORM_SUBGRAPH).map((info) => ({ ...info, name: `${typeName}.${info.field}` }));
  });
}

function descriptionOf(schema: GraphQLSchema, typeName: string, fieldName: string): string | null {
  const type = schema.getType(typeName);
  return (isObjectType(type) && type.getFields()[fieldName]?.description) || null;
}

/** In words, for someone who is not a programmer: what they can do to get more of the field, or null when nothing is left to get. */
function howToGetMore(item: Omit<CatalogueItem, 'howToGetMore'>, caller: Identity, closedBy: string | undefined): string | null {
  if (item.owner === caller.department) return `Your department owns ${item.field}: its data officers set who sees it (rules in the console).`;
  const { inside, outside } = item.yourAccess;
  if (inside.effect === 'allow' && outside.effect === 'allow') return null;
  if (closedBy) return `Not shared: ${closedBy}. No request can open it.`;
  const owner = item.owner ?? 'its owner';
  return `Ask ${owner}'s data officers: your data officer files requestAccess(input: { fields: ["${item.field}"], purpose, scope, duration }) with a purpose of the catalogue (purposes).`;
}

/**
 * The data catalogue as `caller` sees it: every field of the departments' data with its owner, its
 * description and classification, its sharing class (the owner's declared one, else the one the policy
 * in force implies), what the caller gets of it and how to ask for more. Computed from the composed
 * schema and the policy engine, so it cannot disagree with what the subgraphs enforce.
 */
export async function catalogueFor(em: EntityManager, caller: Identity, policy: { document: PolicyDocument; version: number }, catalog: FieldCatalog, schema: GraphQLSchema): Promise<CatalogueItem[]> {
  const [grants, overrides, departments] = await Promise.all([
    em.find(AccessGrant, { revokedAt: null, validUntil: { $gt: new Date() } }),
    em.find(SharingClassOverride, {}),
    em.find(Department, {}),
  ]);
  const engine = new PolicyEngine(policy.document, classifiedFields(catalog), grants.map(toEnforcedGrant), policy.version);
  const matrix = new Map(
    accessMatrix(engine, catalog, { departments: DEPARTMENTS, role: 'officer', jurisdiction: MATRIX_JURISDICTION, outsideGridCode: OUTSIDE, purpose: 'stated-purpose' }).map((row) => [row.field, row]),
  );
  const overrideOf = new Map(overrides.map((o) => [o.field, o]));
  const subgraphOwner = (subgraph: string | undefined) => departments.find((d) => subgraph && d.ownedSubgraphs.includes(subgraph))?.code;
  const inside = { gridCode: caller.jurisdiction ?? '' };
  return dataFields(catalog).map((info) => {
    const row = matrix.get(info.name);
    const owner = ownerOf(policy.document, info.name) ?? subgraphOwner(info.subgraph) ?? null;
    const item = {
      field: info.name,
      typeName: info.type,
      fieldName: info.field,
      subgraph: info.subgraph ?? null,
      owner,
      description: descriptionOf(schema, info.type, info.field),
      classification: info.classification,
      derivedSharingClass: row ? sharingClassOf(row, policy.document) : ('unconditional' as const),
      override: overrideOf.get(info.name) ?? null,
      yourAccess: { inside: engine.decide(caller, info.name, inside), outside: engine.decide(caller, info.name, { gridCode: OUTSIDE }) },
    };
    const closedBy = item.derivedSharingClass === 'not-shared' ? item.yourAccess.inside.reason : undefined;
    return { ...item, howToGetMore: howToGetMore(item, caller, closedBy) };
  });
}
