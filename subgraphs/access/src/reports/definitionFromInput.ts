import { reportProblems, type ConditionOperator, type AggregateKind, type ReportCondition, type ReportDefinition } from '@civic/reports';
import { ErrorCode } from '@civic/runtime';
import { optionalText, requireText } from '@civic/subgraph-kit';
import { GraphQLError } from 'graphql';
import { composedApiSchema } from '../governanceContext.js';
import type { ReportConditionInput, SaveReportInput } from './reportTypes.js';

const condition = (input: ReportConditionInput): ReportCondition => ({ column: input.column, operator: input.operator as ConditionOperator, value: input.value ?? null });

function savedVariables(text: string | null | undefined): Record<string, unknown> | string {
  if (!text?.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : 'must be a JSON object of variable values';
  } catch (error) {
    return `is not JSON: ${(error as Error).message}`;
  }
}

/**
 * The definition a save asks for, checked against the composed schema; every problem is reported at once
 * (extensions.problems, each with where it is), the first in the message, so that a report is fixed in one go.
 */
export function definitionFromInput(input: SaveReportInput): ReportDefinition {
  const variables = savedVariables(input.variables);
  const definition: ReportDefinition = {
    name: requireText(input.name, 'input.name', 200),
    description: optionalText(input.description, 'input.description', 2000) ?? '',
    operation: input.operation,
    operationName: input.operationName?.trim() || null,
    variables: typeof variables === 'string' ? {} : variables,
    rowsAt: input.rowsAt.trim(),
    columns: input.columns.map((column) => ({ key: column.key, label: requireText(column.label, 'input.columns.label', 200), path: column.path.trim(), prefix: column.prefix ?? null })),
    where: (input.where ?? []).map(condition),
    groupBy: input.groupBy ?? [],
    aggregates: (input.aggregates ?? []).map((aggregate) => ({ key: aggregate.key, label: requireText(aggregate.label, 'input.aggregates.label', 200), kind: aggregate.kind as AggregateKind, condition: aggregate.condition ? condition(aggregate.condition) : null })),
  };
  const problems = [...(typeof variables === 'string' ? [{ at: 'input.variables', message: variables }] : []), ...reportProblems(composedApiSchema(), definition)];
  if (problems.length > 0) {
    const [first] = problems;
    throw new GraphQLError(`${first!.at}: ${first!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: extensions.problems)` : ''}`, {
      extensions: { code: ErrorCode.BadUserInput, field: first!.at, problems },
    });
  }
  return definition;
}
