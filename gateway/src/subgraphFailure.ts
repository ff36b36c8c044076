import { ErrorCode } from '@civic/runtime';
import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** A subgraph call that failed in the transport: refused, reset or unresolvable, before or during its answer. */
export class SubgraphUnreachableError extends Error {
  override readonly name = 'SubgraphUnreachableError';
  constructor(url: string, cause: unknown) {
    super(`${url} could not be reached`, { cause });
  }
}

export interface SubgraphFailure {
  code: typeof ErrorCode.SubgraphTimeout | typeof ErrorCode.SubgraphUnavailable;
  /** Completes "The <name> subgraph ...". */
  reason: string;
}

/**
 * What a failed subgraph call means for the client. Undefined: not a failure of the subgraph as a
 * whole (an error it answered, the request's own deadline or its client leaving), passed on as it is.
 */
export function subgraphFailureOf(error: unknown, fetchTimeoutMs: number): SubgraphFailure | undefined {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  // AbortSignal.timeout's reason (a DOMException); undici rejects the fetch, or the reading of its body, with it.
  if (name === 'TimeoutError') return { code: ErrorCode.SubgraphTimeout, reason: `did not answer within ${fetchTimeoutMs} ms` };
  const status = (error as { extensions?: { response?: { status?: unknown } } } | undefined)?.extensions?.response?.status;
  if (status === 504) return { code: ErrorCode.SubgraphTimeout, reason: 'passed its own request deadline' };
  if (status === 502 || status === 503) return { code: ErrorCode.SubgraphUnavailable, reason: `answered HTTP ${status}` };
  // The gateway's subgraph calls (subgraphFetcher.ts) say so; undici's fetch (the readiness probe) reports a refused,
  // reset or unresolvable connection as this TypeError, the cause naming the system error.
  if (name === 'SubgraphUnreachableError' || (name === 'TypeError' && message === 'fetch failed')) return { code: ErrorCode.SubgraphUnavailable, reason: 'could not be reached' };
  return undefined;
}

/**
 * Where the failure of one fetch shows in the answer: its first field. A root fetch's is a root field;
 * an entity fetch's is `_entities.0.<field>`, which Apollo Gateway maps to the first entity's place.
 */
export function failedFetchPath(document: DocumentNode): (string | number)[] | undefined {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const root = operation && firstField(operation.selectionSet, fragments);
  if (!root) return undefined;
  if (root.name.value !== '_entities') return [responseKey(root)];
  const field = root.selectionSet && firstField(root.selectionSet, fragments);
  return field ? ['_entities', 0, responseKey(field)] : ['_entities', 0];
}

function firstField(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): FieldNode | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') return selection;
      continue;
    }
    const nested = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
    const found = nested && firstField(nested, fragments);
    if (found) return found;
  }
  return undefined;
}

const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;
