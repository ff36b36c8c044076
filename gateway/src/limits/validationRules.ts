import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { Kind, type ASTVisitor, type GraphQLError, type OperationDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { operationLimitExceeded, type OperationLimitName } from './errors.js';
import type { OperationLimits } from './settings.js';

/** One refusal per document: the first limit found exceeded is the one named, as for the other stages. */
const refused = new WeakSet<ValidationContext>();

function refuse(context: ValidationContext, limit: OperationLimitName, found: number, allowed: number): void {
  if (refused.has(context)) return;
  refused.add(context);
  context.reportError(operationLimitExceeded(limit, found, allowed));
}

/**
 * graphql-armor's rules count with fragments expanded (each fragment once) and say the count only in
 * their message ("... limit of 12 exceeded, found 13."); the refusal is ours, with the numbers as fields.
 */
function armorRefusal(limit: OperationLimitName, allowed: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    if (!context) return;
    const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? Number.NaN);
    refuse(context, limit, Number.isFinite(found) ? found : allowed + 1, allowed);
  };
}

function armorOptions(limit: OperationLimitName, allowed: number) {
  return { n: allowed, onReject: [armorRefusal(limit, allowed)], propagateOnRejection: false };
}

/**
 * Root fields of an operation, through fragments spread or inlined on the root type. Each fragment is
 * counted once and remembered, so nested spreads stay linear; a cycle (refused by validation) counts 0.
 */
export function rootFieldCount(selectionSet: SelectionSetNode, fragmentSelections: (name: string) => SelectionSetNode | undefined, counted = new Map<string, number>()): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(selection.selectionSet, fragmentSelections, counted);
    else {
      const name = selection.name.value;
      if (!counted.has(name)) {
        counted.set(name, 0);
        const fragment = fragmentSelections(name);
        counted.set(name, fragment ? rootFieldCount(fragment, fragmentSelections, counted) : 0);
      }
      count += counted.get(name)!;
    }
  }
  return count;
}

function rootFieldsRule(limits: OperationLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const found = rootFieldCount(operation.selectionSet, (name) => context.getFragment(name)?.selectionSet);
      const [limit, allowed]: [OperationLimitName, number] =
        operation.operation === 'mutation' ? ['maxMutationFields', limits.maxMutationFields] : ['maxRootFields', limits.maxRootFields];
      if (found > allowed) refuse(context, limit, found, allowed);
    },
  });
}

/** The limits checked once per document, while Apollo Server validates it (a valid document is cached with its verdict). */
export function limitValidationRules(limits: OperationLimits): ValidationRule[] {
  return [
    rootFieldsRule(limits),
    maxAliasesRule(armorOptions('maxAliases', limits.maxAliases)),
    maxDirectivesRule(armorOptions('maxDirectives', limits.maxDirectives)),
    // Fragments are not levels of the answer; introspection (IDEs' deep `ofType` chains) is bounded by the schema.
    maxDepthRule({ ...armorOptions('maxDepth', limits.maxDepth), flattenFragments: true, ignoreIntrospection: true }),
  ];
}
