import type { PolicyDocument, Purpose } from './model.js';

/** A purpose code: lower-case words joined by hyphens (`welfare-check`), short enough for a header and a log line. */
export const PURPOSE_CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const MAX_PURPOSE_CODE = 40;

/** The purposes a caller may state now: the catalogue without the retired ones. */
export function statablePurposes(document: Pick<PolicyDocument, 'purposes'>): Purpose[] {
  return (document.purposes ?? []).filter((purpose) => !purpose.retired);
}

export function isStatablePurpose(document: Pick<PolicyDocument, 'purposes'>, code: string): boolean {
  return statablePurposes(document).some((purpose) => purpose.code === code);
}
