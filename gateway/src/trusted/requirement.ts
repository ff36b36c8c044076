import { DEPARTMENTS, ROLES, z, type Identity } from '@civic/runtime';

/** Who must name a reviewed operation: a department, or one role of a department (`fire`, `police:officer`). */
export interface TrustedRequirement {
  department: string;
  role?: string;
}

/**
 * TRUSTED_OPERATIONS_REQUIRED: comma-separated `department` or `department:role`; unset, every caller may
 * send any operation (the limits and rules still apply).
 */
export const trustedRequirementValue = z
  .string()
  .default('')
  .transform((text) => text.split(',').map((entry) => entry.trim()).filter(Boolean))
  .pipe(
    z.array(
      z.string().refine((entry) => {
        const [department, role, extra] = entry.split(':');
        return extra === undefined && (DEPARTMENTS as readonly string[]).includes(department!) && (role === undefined || (ROLES as readonly string[]).includes(role));
      }, { error: `comma-separated departments or department:role pairs, e.g. fire,police:officer (departments: ${DEPARTMENTS.join(', ')}; roles: ${ROLES.join(', ')})` }),
    ),
  )
  .transform((entries) => entries.map((entry): TrustedRequirement => {
    const [department, role] = entry.split(':') as [string, string | undefined];
    return role ? { department, role } : { department };
  }));

/** Whether this caller may send only operations of the manifest. */
export function mustNameTrustedOperation(identity: Identity, requirements: readonly TrustedRequirement[]): boolean {
  return requirements.some((r) => r.department === identity.department && (r.role === undefined || identity.roles.includes(r.role as never)));
}
