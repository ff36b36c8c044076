import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The sharing class an owner's data officer declared for one field of the catalogue, in place of the
 * one derived from the policy (the regulation makes the owner answerable for the class it publishes).
 * It changes what the catalogue says, never what the policy enforces.
 */
@Entity({ tableName: 'sharing_class_override' })
export class SharingClassOverride {
  /** Type.field */
  @PrimaryKey({ length: 120 })
  field: string;

  @Property({ length: 20 })
  sharingClass: string;

  @Property({ type: 'text' })
  reason: string;

  @Property({ length: 200 })
  setBy: string;

  @Property({ type: 'timestamptz' })
  setAt: Date;
}
