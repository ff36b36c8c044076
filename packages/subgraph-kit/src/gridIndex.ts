/**
 * The index every grid-coded table needs: varchar_pattern_ops lets the jurisdiction filter's and
 * gridCodePrefix's `like 'prefix%'` use it, and the trailing id serves the id-ordered pages.
 */
export function gridCodeIndex(table: string): { name: string; expression: string } {
  const name = `${table}_grid_code_idx`;
  return { name, expression: `create index "${name}" on "${table}" ("grid_code" varchar_pattern_ops, "id")` };
}
