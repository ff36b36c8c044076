import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionNode } from 'graphql';

/** The fields a selection set asks for under `responseKey`, through inline fragments and fragment spreads. */
export function fieldsAt(selections: readonly SelectionNode[], responseKey: string, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FieldNode[] {
  return selections.flatMap((selection): FieldNode[] => {
    if (selection.kind === Kind.FIELD) return (selection.alias?.value ?? selection.name.value) === responseKey ? [selection] : [];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsAt(selection.selectionSet.selections, responseKey, fragments);
    const fragment = fragments.get(selection.name.value);
    return fragment ? fieldsAt(fragment.selectionSet.selections, responseKey, fragments) : [];
  });
}

/** Every field's sub-selections, merged (a key may be asked for in several fragments). */
export const subSelections = (fields: readonly FieldNode[]): SelectionNode[] => fields.flatMap((field) => field.selectionSet?.selections ?? []);

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
}

/** The operation a report runs: the named one, or the document's only one; undefined when that is ambiguous or absent. */
export function chosenOperation(document: DocumentNode, operationName: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** The variable bound to the list field's `after` argument, through which the runner asks for the next page. */
export function pagingVariable(listFields: readonly FieldNode[]): string | undefined {
  for (const field of listFields) {
    const after = field.arguments?.find((argument) => argument.name.value === 'after');
    if (after?.value.kind === Kind.VARIABLE) return after.value.name.value;
  }
  return undefined;
}
