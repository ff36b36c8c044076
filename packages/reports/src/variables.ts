/** A saved variable value meaning "n days before the run": a report of "the last 30 days" stays one. */
export interface RelativeInstant {
  $daysAgo: number;
}

const MAX_DAYS = 3660;

export function isRelativeInstant(value: unknown): value is RelativeInstant {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const days = (value as Record<string, unknown>).$daysAgo;
  return Object.keys(value).length === 1 && Number.isInteger(days) && (days as number) >= 0 && (days as number) <= MAX_DAYS;
}

/**
 * The variables a run sends: the saved ones, overridden by the runner's, with relative instants made
 * absolute at `now`. The paging variable is the runner's own business and is never taken from either.
 */
export function variablesForRun(saved: Record<string, unknown>, overrides: Record<string, unknown>, now: Date, pagingVariable: string | undefined): Record<string, unknown> {
  const merged = { ...saved, ...overrides };
  if (pagingVariable) delete merged[pagingVariable];
  return Object.fromEntries(Object.entries(merged).map(([name, value]) => [name, isRelativeInstant(value) ? new Date(now.getTime() - value.$daysAgo * 86_400_000).toISOString() : value]));
}
