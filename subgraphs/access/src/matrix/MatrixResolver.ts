import { accessMatrix, classifiedFields, PolicyEngine, type Decision, type Grant, type MatrixCell, type MatrixRow, type PolicyDocument } from '@civic/governance';
import { DEPARTMENTS, isRole, badUserInput, type Role } from '@civic/runtime';
import { ListSized, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { composedCatalog, requireDataOfficer } from '../governanceContext.js';
import { currentPolicy } from '../policies/publish.js';
import { AccessGrant, toEnforcedGrant } from '../sharing/AccessGrant.js';

@ObjectType({ description: 'What the policy engine decides for one caller and record, and why.' })
class MatrixDecision {
  @Field({ description: 'ALLOW, MASK or DENY.' })
  effect: string;

  @Field({ description: 'rule, grant, default (no rule allows it) or out-of-scope.' })
  basis: string;

  @Field(() => String, { nullable: true, description: 'The masking style, for MASK.' })
  mask: string | null;

  @Field(() => Int, { nullable: true, description: "The deciding rule's index in the policy." })
  ruleIndex: number | null;

  @Field({ description: 'Why, in words: the rule and its stated reason, or what denied it by default.' })
  reason: string;
}

@ObjectType({ description: 'A grant in force for a department and field.' })
class MatrixGrant {
  @Field(() => Int)
  id: number;

  @Field()
  purpose: string;

  @Field({ description: 'Grid-code prefix; empty for the whole city.' })
  scope: string;

  @Field()
  validUntil: string;
}

@ObjectType({ description: 'What an officer of one department gets of one classified field.' })
export class MatrixCellView {
  @Field()
  department: string;

  @Field({ description: 'ALLOW, MASK, DENY (the same inside and outside the jurisdiction), SCOPED (in full inside only), SCOPED_MASK (masked inside only) or MIXED.' })
  state: string;

  @Field(() => MatrixDecision, { description: "A record inside the officer's jurisdiction." })
  inside: MatrixDecision;

  @Field(() => MatrixDecision, { description: "A record outside the officer's jurisdiction." })
  outside: MatrixDecision;

  @Field(() => MatrixDecision, { nullable: true, description: 'What changes when the caller states a purpose (a rule that requires one); null when nothing does.' })
  withPurpose: MatrixDecision | null;

  @Field(() => [String], { description: 'Rules that depend on the record itself, e.g. its category.' })
  conditions: string[];

  @ListSized(10)
  @Field(() => [MatrixGrant], { description: "Grants in force: they allow the field while the grant's purpose is stated." })
  grants: MatrixGrant[];
}

@ObjectType({ description: 'One classified field against every department.' })
class MatrixRowView {
  @Field({ description: 'Type.field' })
  field: string;

  @Field()
  typeName: string;

  @Field()
  fieldName: string;

  @Field(() => String, { nullable: true, description: 'The subgraph that resolves the field.' })
  subgraph: string | null;

  @Field({ description: 'internal, sensitive or highly_sensitive.' })
  classification: string;

  @Field(() => String, { nullable: true, description: "The department whose data officers set the field's rules." })
  owner: string | null;

  @ListSized(20)
  @Field(() => [MatrixCellView])
  cells: MatrixCellView[];
}

@ObjectType({ description: 'Who sees what under the policy in force: the policy engine\'s own decisions, field by department.' })
class AccessMatrix {
  @Field(() => Int)
  version: number;

  @Field()
  role: string;

  @Field(() => [String])
  departments: string[];

  // A city's policy classifies a few dozen fields (23 in the demo); the cost limit counts on this.
  @ListSized(100)
  @Field(() => [MatrixRowView])
  rows: MatrixRowView[];
}

/** Any codes do: the matrix asks about a record inside and one outside the officer's jurisdiction. */
const JURISDICTION = '330101001';
const OUTSIDE = '999999999999999';
/** Purpose-bound rules need some purpose stated; which one does not matter to a rule. */
const ANY_PURPOSE = 'stated-purpose';

const decisionView = (decision: Decision): MatrixDecision => ({
  effect: decision.effect.toUpperCase(),
  basis: decision.basis,
  mask: decision.mask ?? null,
  ruleIndex: decision.ruleIndex ?? null,
  reason: decision.reason,
});

const grantView = (grant: Grant): MatrixGrant => ({ id: grant.id, purpose: grant.purpose, scope: grant.scope, validUntil: grant.validUntil });

export const cellView = (cell: MatrixCell): MatrixCellView => ({
  department: cell.department,
  state: cell.state.toUpperCase().replace('-', '_'),
  inside: decisionView(cell.inside),
  outside: decisionView(cell.outside),
  withPurpose: cell.withPurpose ? decisionView(cell.withPurpose) : null,
  conditions: cell.conditions,
  grants: cell.grants.map(grantView),
});

const rowView = (row: MatrixRow): MatrixRowView => ({ ...row, subgraph: row.subgraph ?? null, owner: row.owner ?? null, cells: row.cells.map(cellView) });

/**
 * The matrix a policy document gives an officer of each department, with the grants in force: the
 * policy in force for the matrix, a draft for the preview of a change.
 */
export async function matrixUnder(ctx: RequestContext, document: PolicyDocument, version: number, role: Role): Promise<MatrixRow[]> {
  const grants = await ctx.em.find(AccessGrant, { revokedAt: null, validUntil: { $gt: new Date() } });
  const engine = new PolicyEngine(document, classifiedFields(composedCatalog()), grants.map(toEnforcedGrant), version);
  return accessMatrix(engine, composedCatalog(), { departments: DEPARTMENTS, role, jurisdiction: JURISDICTION, outsideGridCode: OUTSIDE, purpose: ANY_PURPOSE });
}

@Resolver()
export class MatrixResolver {
  @Query(() => AccessMatrix, { nullable: true, description: 'Who sees what: every classified field against every department, as the policy in force and the grants in force decide. Data officers only.' })
  async accessMatrix(@Arg('role', { defaultValue: 'officer' }) role: string, @Ctx() ctx: RequestContext): Promise<AccessMatrix> {
    requireDataOfficer(ctx);
    if (!isRole(role)) throw badUserInput('role', `unknown role "${role}"`);
    const current = await currentPolicy(ctx);
    const rows = await matrixUnder(ctx, current.document, current.version, role);
    return { version: current.version, role, departments: [...DEPARTMENTS], rows: rows.map(rowView) };
  }
}
