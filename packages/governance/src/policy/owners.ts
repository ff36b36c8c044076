import type { Department } from '@civic/runtime';
import type { PolicyDocument } from './model.js';

/** The department owning `Type.field`: its own entry, else its type's default; undefined when neither is given. */
export function ownerOf(document: Pick<PolicyDocument, 'owners'>, field: string): Department | undefined {
  const owners = document.owners ?? {};
  return owners[field] ?? owners[field.split('.')[0] ?? ''];
}
