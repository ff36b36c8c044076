import { Extensions } from 'type-graphql';

/**
 * How sensitive a field is. `public` fields (and fields with no declaration) are visible to every
 * authenticated caller; the other levels are classified: visible only where the policy says so.
 */
export const CLASSIFICATIONS = ['public', 'internal', 'sensitive', 'highly_sensitive'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const CLASSIFICATION_EXTENSION = 'classification';

/** Declares a field's classification next to its definition: `@Classified('sensitive') @Field(...)`. */
export function Classified(level: Classification): MethodDecorator & PropertyDecorator {
  return Extensions({ [CLASSIFICATION_EXTENSION]: level });
}

export function isClassified(level: Classification | undefined): boolean {
  return level !== undefined && level !== 'public';
}

/** Reads of these levels are what the audit trail records. */
export function isAudited(level: Classification | undefined): boolean {
  return level === 'sensitive' || level === 'highly_sensitive';
}
