import { denyNoGrantLifts } from './engine.js';
import type { MatrixRow } from './matrix.js';
import type { PolicyDocument } from './model.js';

/**
 * The three classes China's Government Data Sharing Regulations ask each department to publish for each
 * item of its catalogue: shared with every department as it is, shared on conditions (masked, inside a
 * jurisdiction, for a stated purpose, on some records, or on an approved request), or not shared.
 */
export const SHARING_CLASSES = ['unconditional', 'conditional', 'not-shared'] as const;
export type SharingClass = (typeof SHARING_CLASSES)[number];

/**
 * A classified field's class as the policy in force decides it for the other departments' officers:
 * unconditional when each of them gets it in full everywhere, with no condition; not shared when each is
 * denied by a rule that no grant may lift; conditional otherwise (a grant may open it on request).
 * Public fields are unconditional without asking.
 */
export function sharingClassOf(row: MatrixRow, document: PolicyDocument): SharingClass {
  const others = row.cells.filter((cell) => cell.department !== row.owner);
  if (others.every((cell) => cell.state === 'allow' && cell.conditions.length === 0 && cell.withPurpose === undefined)) return 'unconditional';
  const closed = others.every((cell) => cell.state === 'deny' && cell.withPurpose === undefined && denyNoGrantLifts(document, row.field, cell.department) !== undefined);
  return closed ? 'not-shared' : 'conditional';
}
