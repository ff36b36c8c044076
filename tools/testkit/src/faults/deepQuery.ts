import { isDeepStrictEqual } from 'node:util';

/**
 * The fault suite's deep query: grid > residents > building > hazards, incidents > dispatches, one
 * level per subgraph, with a classified field at every level so that each subgraph's audit trail is
 * exercised. The caller is the governance centre, which the policy lets read every field selected
 * here in full, so a healthy answer carries no error at all.
 */
export const FAULT_DEEP_QUERY = `query FaultDeepQuery($code: String!, $first: Int!) {
  grid(code: $code) {
    code name workerName workerPhone
    residents(first: $first) {
      totalCount
      edges { node {
        id name age phone
        building {
          id address use floors managerPhone
          hazards { id category severity status }
          incidents { id category status severity title description
            dispatches { id status quantity dispatchedBy } }
        }
      } }
    }
  }
}`;

/** The subgraphs the deep query crosses, outermost first: an outage of one nulls its level and everything below. */
export const DEEP_LEVELS = ['population', 'buildings', 'incidents', 'resources'] as const;
export type DeepLevel = (typeof DEEP_LEVELS)[number];

interface Dispatch { id: string; dispatchedBy: string | null }
interface Incident { id: string; description: string | null; dispatches: Dispatch[] | null }
interface Building { id: string; managerPhone: string | null; incidents: Incident[] | null; [field: string]: unknown }
interface Resident { id: string; name: string | null; age: number | null; phone: string | null; building: Building | null }
export interface DeepData {
  grid: { code: string; workerPhone: string | null; residents: { totalCount: number; edges: { node: Resident }[] } } | null;
}

/**
 * Where each level hangs in the answer (the link another subgraph resolves), and the fields its
 * subgraph owns there. A down subgraph's level is "nulled" when every such link is null or keeps only
 * fields other subgraphs resolve.
 */
const OWNED_AT_LINK: Record<Exclude<DeepLevel, 'population'>, string[]> = {
  buildings: ['address', 'use', 'floors', 'managerPhone', 'hazards'],
  incidents: [],
  resources: [],
};

/** The path of the field where a failed fetch to each level's subgraph must be reported (joined with dots). */
export const FAILED_FETCH_PATH: Record<DeepLevel, RegExp> = {
  population: /^grid$/,
  buildings: /^grid\.residents\.edges\.\d+\.node\.building(\.\w+)?$/,
  incidents: /^grid\.residents\.edges\.\d+\.node\.building\.incidents$/,
  resources: /^grid\.residents\.edges\.\d+\.node\.building\.incidents\.\d+\.dispatches$/,
};

type Link = { holder: Record<string, unknown>; key: string };

/** Every place where a level's link sits in an answer. */
function linksAt(data: DeepData, level: DeepLevel): Link[] {
  if (level === 'population') return [{ holder: data as unknown as Record<string, unknown>, key: 'grid' }];
  const nodes = data.grid?.residents?.edges?.map((edge) => edge?.node).filter(Boolean) ?? [];
  if (level === 'buildings') return nodes.map((node) => ({ holder: node as unknown as Record<string, unknown>, key: 'building' }));
  const buildings = nodes.map((node) => node.building).filter((b): b is Building => !!b);
  if (level === 'incidents') return buildings.map((building) => ({ holder: building, key: 'incidents' }));
  return buildings.flatMap((b) => b.incidents ?? []).filter(Boolean).map((incident) => ({ holder: incident as unknown as Record<string, unknown>, key: 'dispatches' }));
}

/** A copy of the answer with every link of a level cut (null): what must survive that level's outage. */
function cutAt(data: DeepData, level: DeepLevel): DeepData {
  const copy = structuredClone(data);
  for (const { holder, key } of linksAt(copy, level)) holder[key] = null;
  return copy;
}

function nulled(link: Link, level: DeepLevel): boolean {
  const value = link.holder[link.key];
  if (value === null || value === undefined) return true;
  if (level === 'population') return false;
  const owned = OWNED_AT_LINK[level];
  return owned.length > 0 && owned.every((field) => (value as Record<string, unknown>)[field] === null);
}

/** Where two answers first differ, and how: for a person reading a failed test. */
function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `at ${path || 'the root'}: ${JSON.stringify(a)?.slice(0, 80)} instead of ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/** How an answer compares with the healthy one, level by level. */
export interface DeepVerdict {
  /** Exactly the healthy answer. */
  whole: boolean;
  /** Where it first differs from the healthy answer, when it does. */
  difference: string | undefined;
  /** Everything above each level's links is exactly as in the healthy answer. */
  intactAbove: Record<DeepLevel, boolean>;
  /** Each level's links are all null (or hold only other subgraphs' fields). */
  nulledAt: Record<DeepLevel, boolean>;
}

export function judgeDeepAnswer(healthy: DeepData, answer: DeepData | null | undefined): DeepVerdict {
  const intactAbove = {} as Record<DeepLevel, boolean>;
  const nulledAt = {} as Record<DeepLevel, boolean>;
  for (const level of DEEP_LEVELS) {
    intactAbove[level] = !!answer && isDeepStrictEqual(cutAt(answer, level), cutAt(healthy, level));
    nulledAt[level] = !!answer && linksAt(answer, level).every((link) => nulled(link, level));
  }
  const difference = firstDifference(answer, healthy, '');
  return { whole: difference === undefined, difference, intactAbove, nulledAt };
}

/**
 * The classified values an answer hands out, as the audit trail names them: `Type.field:recordId`,
 * each once (the trail keeps one record per value read, whatever the number of places it shows in).
 */
export function classifiedReads(data: DeepData | null | undefined): string[] {
  const reads = new Set<string>();
  const read = (type: string, field: string, id: string, value: unknown) => {
    if (value !== null && value !== undefined) reads.add(`${type}.${field}:${id}`);
  };
  const grid = data?.grid;
  if (!grid) return [];
  read('Grid', 'workerPhone', grid.code, grid.workerPhone);
  for (const node of grid.residents?.edges?.map((edge) => edge?.node) ?? []) {
    if (!node) continue;
    for (const field of ['name', 'age', 'phone'] as const) read('Resident', field, node.id, node[field]);
    const building = node.building;
    if (!building) continue;
    read('Building', 'managerPhone', building.id, building.managerPhone);
    for (const incident of building.incidents ?? []) {
      read('Incident', 'description', incident.id, incident.description);
      for (const dispatch of incident.dispatches ?? []) read('Dispatch', 'dispatchedBy', dispatch.id, dispatch.dispatchedBy);
    }
  }
  return [...reads].sort();
}

/** What the healthy answer must hold for every level's outage to show: a building, an incident with a dispatch. */
export function coversEveryLevel(healthy: DeepData): boolean {
  return DEEP_LEVELS.every((level) => linksAt(healthy, level).length > 0);
}
