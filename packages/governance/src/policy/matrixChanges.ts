import type { Department } from '@civic/runtime';
import { applyMask, MASKING_STYLES } from './masking.js';
import type { MatrixCell, MatrixRow } from './matrix.js';
import type { Decision } from './model.js';

/** One cell of the matrix that a proposed policy changes, with what an officer would then see of a made-up value. */
export interface MatrixChange {
  field: string;
  department: Department;
  before: MatrixCell;
  after: MatrixCell;
  /** What an officer of the department gets of a record inside the jurisdiction, before and after; null when refused. */
  exampleBefore: string | null;
  exampleAfter: string | null;
}

/** What a data officer reads as "the same": the effects and masks inside, outside and with a purpose (not the rule numbers, which shift). */
const signature = (cell: MatrixCell) =>
  [cell.state, cell.inside.mask, cell.outside.mask, cell.withPurpose?.effect, cell.withPurpose?.mask, cell.conditions.join(';')].join('|');

/**
 * The made-up value a field's examples start from: the example of the style that masks it (in either
 * version), else of the style named like the field, else a neutral text. Never a record's value: the
 * preview reads no data.
 */
function sampleFor(fieldName: string, cells: MatrixCell[]): string {
  const style = cells.flatMap((cell) => [cell.inside.mask, cell.outside.mask]).find((mask) => mask && MASKING_STYLES[mask]);
  if (style) return MASKING_STYLES[style]!.example;
  const named = Object.keys(MASKING_STYLES).find((name) => fieldName.toLowerCase().includes(name.toLowerCase()));
  return (named ? MASKING_STYLES[named]! : MASKING_STYLES.redacted!).example;
}

/** What the decision hands out of `sample`: the sample, its masked form, or null when refused. */
export function exampleUnder(decision: Decision, sample: string): string | null {
  if (decision.effect === 'deny') return null;
  if (decision.effect === 'mask') return applyMask(decision.mask!, sample) as string;
  return sample;
}

/**
 * The cells that differ between two matrices of the same question (the policy in force and a draft),
 * in the order of the draft's rows. Rows only one side has (a field newly classified) count as changed
 * from or to refused everywhere.
 */
export function matrixChanges(before: MatrixRow[], after: MatrixRow[]): MatrixChange[] {
  const beforeCells = new Map(before.flatMap((row) => row.cells.map((cell) => [`${row.field}|${cell.department}`, cell] as const)));
  const changes: MatrixChange[] = [];
  for (const row of after) {
    for (const cell of row.cells) {
      const previous = beforeCells.get(`${row.field}|${cell.department}`);
      if (previous && signature(previous) === signature(cell)) continue;
      const was = previous ?? cell;
      const sample = sampleFor(row.fieldName, [was, cell]);
      changes.push({
        field: row.field,
        department: cell.department,
        before: was,
        after: cell,
        exampleBefore: previous ? exampleUnder(previous.inside, sample) : null,
        exampleAfter: exampleUnder(cell.inside, sample),
      });
    }
  }
  return changes;
}
