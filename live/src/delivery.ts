import { Kind, print, visit, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode, type VariableDefinitionNode } from 'graphql';
import type { FeedDefinition } from './feeds.js';

/** The alias under which every delivery asks whether the subscriber may see the record at all. */
const VISIBLE = 'liveVisible';

/**
 * The query that fetches one event's record as the subscriber: the subscriber's own selection of the
 * record field (each alias of it), the fragments and variables that selection uses, and the fields
 * the feed's filters need. The gateway then applies field rules, masks, place scope and audit to it as
 * to any query.
 */
export interface DeliveryQuery {
  query: string;
  variables: Record<string, unknown>;
}

export function deliveryQuery(feed: FeedDefinition, info: GraphQLResolveInfo): DeliveryQuery {
  const recordFields = fieldsNamed(info.fieldNodes.map((node) => node.selectionSet), feed.recordField, info.fragments);
  const filterSelection = Object.entries(feed.filterFields).map(([alias, field]) => `${alias}: ${field}`).join(' ');
  const selections = recordFields.map((node) => `${node.alias?.value ?? node.name.value}: ${feed.rootQuery}(id: $liveRecordId) ${node.selectionSet ? print(node.selectionSet) : ''}`);
  const used = usedNames(recordFields, info.fragments);
  const fragments = [...used.fragments].map((name) => print(info.fragments[name] as FragmentDefinitionNode));
  const definitions = (info.operation.variableDefinitions ?? []).filter((definition) => used.variables.has(definition.variable.name.value));
  const header = ['$liveRecordId: ID!', ...definitions.map((definition: VariableDefinitionNode) => print(definition))].join(', ');
  const query = `query LiveDelivery(${header}) { ${VISIBLE}: ${feed.rootQuery}(id: $liveRecordId) { id ${filterSelection} } ${selections.join(' ')} }\n${fragments.join('\n')}`;
  const variables = Object.fromEntries(definitions.map((definition) => [definition.variable.name.value, info.variableValues[definition.variable.name.value]]));
  return { query, variables };
}

/** The fields called `name` directly in these selection sets, through inline fragments and fragment spreads. */
function fieldsNamed(sets: (SelectionSetNode | undefined)[], name: string, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const found: FieldNode[] = [];
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD && selection.name.value === name) found.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) walk(fragments[selection.name.value]?.selectionSet);
    }
  };
  sets.forEach(walk);
  return found;
}

/** The fragments (transitively) and variables a selection uses. */
function usedNames(nodes: FieldNode[], fragments: Record<string, FragmentDefinitionNode>) {
  const used = { fragments: new Set<string>(), variables: new Set<string>() };
  const pending: (FieldNode | FragmentDefinitionNode)[] = [...nodes];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.fragments.has(name) || !fragments[name]) return;
        used.fragments.add(name);
        pending.push(fragments[name]);
      },
      Variable(variable) {
        used.variables.add(variable.name.value);
      },
    });
  }
  return used;
}

/** A delivery's outcome: the record's fields per response key, or nothing when the subscriber may not see it. */
export type Fetched = { visible: false } | { visible: true; filterValues: Record<string, unknown>; data: Record<string, unknown> };

export class DeliveryRefused extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Codes meaning "this record is not for you", not "the graph could not answer". */
const NOT_VISIBLE = new Set(['NOT_FOUND', 'FORBIDDEN']);

export interface Subscriber {
  authorization: string;
  purpose: string | undefined;
}

/**
 * Asks the gateway for the record as the subscriber. A record they may not see (null, or refused) is
 * not delivered; an answer that does not say (the gateway or a subgraph down, a token expired, a rate
 * limit) ends the subscription with that error, so that the client resumes from its last event id
 * rather than missing this one.
 */
export async function fetchDelivery(gatewayUrl: string, subscriber: Subscriber, delivery: DeliveryQuery, recordId: string, timeoutMs: number): Promise<Fetched> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: {
      authorization: subscriber.authorization,
      'content-type': 'application/json',
      ...(subscriber.purpose ? { 'x-access-purpose': subscriber.purpose } : {}),
    },
    body: JSON.stringify({ query: delivery.query, variables: { ...delivery.variables, liveRecordId: recordId }, operationName: 'LiveDelivery' }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error: unknown) => {
    throw new DeliveryRefused(`the graph could not be reached (${(error as Error).message})`, 'SUBGRAPH_UNAVAILABLE', true);
  });
  const body = (await response.json().catch(() => ({}))) as { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions?: { code?: string; retryable?: boolean } }[] };
  const visible = body.data?.[VISIBLE] as Record<string, unknown> | null | undefined;
  if (visible) {
    const { [VISIBLE]: _visible, ...data } = body.data!;
    return { visible: true, filterValues: visible, data };
  }
  const rootError = body.errors?.find((error) => !error.path || error.path[0] === VISIBLE);
  if (response.ok && body.data && (!rootError || NOT_VISIBLE.has(rootError.extensions?.code ?? ''))) return { visible: false };
  const code = rootError?.extensions?.code ?? `HTTP_${response.status}`;
  throw new DeliveryRefused(rootError?.message ?? `the gateway answered ${response.status}`, code, rootError?.extensions?.retryable ?? response.status >= 500);
}
