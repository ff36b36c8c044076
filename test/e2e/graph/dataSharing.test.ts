import { graphql, sqlStatementCount, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

const STREET = '330101001';

/** Polls until `check` holds, returning how long it took; fails after `limitMs`. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${limitMs} ms`);
}

describe.each(eachBackend())('data officers and data sharing (%s)', (_backend, platform) => {
  const as = async (department: Parameters<typeof tokenFor>[0], query: string, variables: Record<string, unknown> = {}, options: Parameters<typeof tokenFor>[1] & { purpose?: string } = {}) =>
    graphql(platform.gatewayUrl, query, variables, { token: await tokenFor(department, options), ...(options.purpose ? { purpose: options.purpose } : {}) });
  const officer = (department: Parameters<typeof tokenFor>[0], query: string, variables: Record<string, unknown> = {}) => as(department, query, variables, { role: 'data-officer' });
  const currentVersion = async () => (await officer('police', '{ policy { version } }')).data!.policy.version as number;
  const fireSeesIdNumbers = async () => (await as('fire', '{ residents(first: 1) { edges { node { idNumber } } } }')).data!.residents.edges[0].node.idNumber !== null;

  describe('rule management', () => {
    it('is for data officers only', async () => {
      const { errors } = await as('police', '{ policy { version } }');
      expect(errors![0]!.extensions!.code).toBe('FORBIDDEN');
    });

    it('shows the policy in force as rules and as YAML', async () => {
      const { data, errors } = await officer('civil', '{ policy { version author rules { index field departments effect mask scope reason } yaml } }');
      expect(errors).toBeUndefined();
      expect(data!.policy.rules.find((r: any) => r.field === 'Resident.idNumber' && r.effect === 'mask')).toMatchObject({ departments: ['community'], mask: 'idNumber', scope: 'jurisdiction' });
      expect(data!.policy.yaml).toContain('field: Resident.idNumber');
    });

    it('previews a proposed change with errors by path, without publishing it', async () => {
      const before = await currentVersion();
      const yaml = (await officer('police', '{ policy { yaml } }')).data!.policy.yaml.replace('mask: idNumber', 'mask: scrambled');
      const { data } = await officer('police', 'query($y: String!) { previewPolicy(yaml: $y) { valid problems { path message } } }', { y: yaml });
      expect(data!.previewPolicy.valid).toBe(false);
      expect(data!.previewPolicy.problems).toEqual([expect.objectContaining({ path: expect.stringMatching(/^rules\[\d+\]\.mask$/), message: expect.stringContaining('masking style') })]);
      const refused = await officer('police', 'mutation($y: String!, $v: Int!) { publishPolicy(input: { yaml: $y, reason: "typo", baseVersion: $v }) { version } }', { y: yaml, v: before });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ path: expect.stringContaining('.mask') })] });
      expect(await currentVersion()).toBe(before);
    });

    it('lets a data officer change only the fields his department owns', async () => {
      const { errors } = await officer('fire', 'mutation($v: Int!) { setFieldRules(input: { field: "Resident.phone", rules: [{ field: "Resident.phone", departments: ["fire"], effect: "allow" }], reason: "we want it", baseVersion: $v }) { version } }', { v: await currentVersion() });
      expect(errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', fields: ['Resident.phone'] });
    });

    it('refuses a change edited from an outdated version', async () => {
      const v = await currentVersion();
      const { errors } = await officer('police', 'mutation($v: Int!) { setFieldRules(input: { field: "Resident.keyPersonnelCategory", rules: [{ field: "Resident.keyPersonnelCategory", departments: ["police"], effect: "allow" }], reason: "x", baseVersion: $v }) { version } }', { v: v - 1 < 1 ? v + 5 : v - 1 });
      expect(errors![0]!.extensions!.code).toMatch(/CONFLICT|NOT_FOUND/);
    });

    it('publishes a rule that every subgraph applies within 5 seconds, diffs it, and rolls it back', async () => {
      const base = await currentVersion();
      expect(await fireSeesIdNumbers()).toBe(false);
      const published = await officer('police', `mutation($v: Int!) { setFieldRules(input: { field: "Resident.idNumber", baseVersion: $v, reason: "Fire needs identity checks during the drill", rules: [
        { field: "Resident.idNumber", departments: ["police", "civil", "fire"], effect: "allow" },
        { field: "Resident.idNumber", departments: ["community"], effect: "mask", mask: "idNumber", scope: "jurisdiction" },
        { field: "Resident.idNumber", departments: ["emergency", "housing", "petition", "health", "governance"], effect: "deny" } ] }) { version author reason basedOn } }`, { v: base });
      expect(published.errors).toBeUndefined();
      try {
        expect(published.data!.setFieldRules).toMatchObject({ version: base + 1, basedOn: base, author: expect.stringContaining('police') });
        const tookMs = await within(5000, fireSeesIdNumbers);
        process.stderr.write(`[policy] published version ${base + 1} took effect in ${tookMs} ms\n`);

        const diff = await officer('civil', 'query($a: Int!, $b: Int!) { policyDiff(from: $a, to: $b) { added { field departments effect } removed { field departments } unchanged } }', { a: base, b: base + 1 });
        const { added, removed, unchanged } = diff.data!.policyDiff;
        expect(added).toContainEqual(expect.objectContaining({ field: 'Resident.idNumber', departments: ['police', 'civil', 'fire'], effect: 'allow' }));
        expect(removed).toContainEqual(expect.objectContaining({ field: 'Resident.idNumber', departments: ['police', 'civil'] }));
        expect([...added, ...removed].every((r: any) => r.field === 'Resident.idNumber')).toBe(true);
        expect(unchanged).toBeGreaterThan(40);
      } finally {
        const rolled = await officer('police', 'mutation($to: Int!) { rollbackPolicy(input: { toVersion: $to, reason: "drill over" }) { version } }', { to: base });
        expect(rolled.data!.rollbackPolicy.version).toBe(base + 2);
        await within(5000, async () => !(await fireSeesIdNumbers()));
      }
    });
  });

  describe('sharing requests and grants', () => {
    const phoneQuery = `{ inside: residents(first: 3, filter: { gridCodePrefix: "${STREET}" }) { edges { node { id phone } } }
      outside: residents(first: 1, filter: { gridCodePrefix: "330102" }) { edges { node { id phone } } } }`;

    async function grantPhones(duration: string): Promise<{ requestId: string; grantId: string }> {
      const requested = await officer('fire', 'mutation($d: String!) { requestAccess(input: { fields: ["Resident.phone"], purpose: "evacuation-planning", justification: "Flood warning for the Qingbo street", scope: "330101001", duration: $d }) { id status ownerDepartments purpose justification } }', { d: duration });
      expect(requested.errors).toBeUndefined();
      expect(requested.data!.requestAccess).toMatchObject({ status: 'PENDING', ownerDepartments: ['police'], purpose: 'evacuation-planning', justification: 'Flood warning for the Qingbo street' });
      const requestId = requested.data!.requestAccess.id;
      const incoming = await officer('police', '{ sharingRequests(direction: INCOMING, status: PENDING) { id purpose } }');
      expect(incoming.data!.sharingRequests.map((r: any) => r.id)).toContain(requestId);
      const notOwner = await officer('civil', 'mutation($id: ID!) { decideSharingRequest(input: { id: $id, approve: true, reason: "sure" }) { status } }', { id: requestId });
      expect(notOwner.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      const approved = await officer('police', 'mutation($id: ID!) { decideSharingRequest(input: { id: $id, approve: true, reason: "Active flood emergency" }) { status grant { id active validUntil } } }', { id: requestId });
      expect(approved.errors).toBeUndefined();
      expect(approved.data!.decideSharingRequest.grant.active).toBe(true);
      return { requestId, grantId: approved.data!.decideSharingRequest.grant.id };
    }

    it('walks the evacuation example: masked, requested, approved, read in full with a purpose, audited, expired', async () => {
      const purpose = 'evacuation-planning';
      const before = await as('fire', phoneQuery, {}, { purpose });
      for (const { node } of before.data!.inside.edges) expect(node.phone).toMatch(/\*{4}/);

      const { grantId } = await grantPhones('PT4S');
      const seesPhones = async () => (await as('fire', phoneQuery, {}, { purpose })).data!.inside.edges.every((e: any) => /^\d{11}$/.test(e.node.phone));
      await within(5000, seesPhones);
      const during = await as('fire', phoneQuery, {}, { purpose });
      expect(during.data!.outside.edges[0].node.phone).toMatch(/\*{4}/);
      const withoutPurpose = await as('fire', phoneQuery);
      expect(withoutPurpose.data!.inside.edges[0].node.phone).toMatch(/\*{4}/);

      const residentId = during.data!.inside.edges[0].node.id;
      await within(5000, async () => {
        const audit = await officer('police', 'query($r: ID!) { auditRecords(first: 100, filter: { residentId: $r, fieldName: "phone", department: "fire" }) { edges { node { purpose decision grantId subgraph } } } }', { r: residentId });
        return audit.data!.auditRecords.edges.some((e: any) => e.node.purpose === purpose && e.node.grantId === Number(grantId) && e.node.decision === 'allow');
      });

      await within(8000, async () => !(await seesPhones()));
    });

    it('lets both sides list the grant, and the owner revoke it at once', async () => {
      const { grantId } = await grantPhones('PT2H');
      const held = await officer('fire', '{ grants(activeOnly: true) { id fields scope } }');
      expect(held.data!.grants.map((g: any) => g.id)).toContain(grantId);
      const given = await officer('police', '{ grants(activeOnly: true) { id } }');
      expect(given.data!.grants.map((g: any) => g.id)).toContain(grantId);
      const revoked = await officer('police', 'mutation($id: ID!) { revokeGrant(id: $id) { active revokedAt } }', { id: grantId });
      expect(revoked.data!.revokeGrant.active).toBe(false);
    });

    it('rejects a request with a reason, and checks what is asked', async () => {
      const bad = await officer('fire', 'mutation { requestAccess(input: { fields: ["Resident.shoeSize"], purpose: "welfare-check", scope: "", duration: "PT1H" }) { id } }');
      expect(bad.errors![0]!.message).toMatch(/^input\.fields\[0\]/);
      const badDuration = await officer('fire', 'mutation { requestAccess(input: { fields: ["Resident.phone"], purpose: "welfare-check", scope: "", duration: "two hours" }) { id } }');
      expect(badDuration.errors![0]!.message).toMatch(/^input\.duration/);
      const requested = await officer('community', 'mutation { requestAccess(input: { fields: ["Resident.careCategories"], purpose: "disaster-relief", scope: "", duration: "P1D" }) { id } }');
      const rejected = await officer('civil', 'mutation($id: ID!) { decideSharingRequest(input: { id: $id, approve: false, reason: "Your own jurisdiction is enough" }) { status decisionReason grant { id } } }', { id: requested.data!.requestAccess.id });
      expect(rejected.data!.decideSharingRequest).toEqual({ status: 'REJECTED', decisionReason: 'Your own jurisdiction is enough', grant: null });
      const again = await officer('civil', 'mutation($id: ID!) { decideSharingRequest(input: { id: $id, approve: true, reason: "changed my mind" }) { status } }', { id: requested.data!.requestAccess.id });
      expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
    });
  });

  describe('audit trail', () => {
    it('records who read which classified field of which record, and exports it as CSV', async () => {
      const read = await as('police', '{ residents(first: 2, filter: { gridCodePrefix: "330101002" }) { edges { node { id idNumber } } } }', {}, { purpose: 'identity-verification' });
      const residentId = read.data!.residents.edges[0].node.id;
      await within(5000, async () => {
        const { data } = await officer('police', 'query($r: ID!) { auditRecords(filter: { residentId: $r, fieldName: "idNumber" }) { totalCount edges { node { subject department roles purpose decision typeName recordId at } } } }', { r: residentId });
        return data!.auditRecords.edges.some((e: any) => e.node.purpose === 'identity-verification' && e.node.department === 'police' && e.node.recordId === residentId);
      });
      const csv = await officer('police', 'query($r: ID!) { auditCsv(filter: { residentId: $r }) }', { r: residentId });
      const lines = csv.data!.auditCsv.trim().split('\r\n');
      expect(lines[0]).toBe('at,subject,department,roles,purpose,typeName,fieldName,recordId,recordGridCode,decision,grantId,subgraph');
      expect(lines.some((l: string) => l.includes('identity-verification') && l.includes(`,Resident,idNumber,${residentId},`))).toBe(true);
    });

    it('shows a data officer only his department\'s reads and reads of the fields it owns', async () => {
      const { data } = await officer('health', '{ auditRecords(first: 200) { edges { node { department subgraph } } } }');
      for (const { node } of data!.auditRecords.edges) expect(node.department).toBe('health');
    });
  });

  describe('preview', () => {
    it('explains field by field what a department would get, and why, without reading data', async () => {
      const statementsBefore = await sqlStatementCount(platform.subgraphUrls.population!);
      const { data, errors } = await officer('civil', `query($op: String!) { explainAccess(input: { department: "fire", operation: $op }) { path decision mask ruleIndex ruleReason conditions } }`, {
        op: '{ residents(first: 5) { edges { node { name phone idNumber needsEvacuationAssistance careCategories } } } incidents(first: 1) { edges { node { description } } } }',
      });
      expect(errors).toBeUndefined();
      const byPath = Object.fromEntries(data!.explainAccess.map((f: any) => [f.path, f]));
      expect(byPath['residents.edges.node.phone']).toMatchObject({ decision: 'MASK', mask: 'phone' });
      expect(byPath['residents.edges.node.idNumber']).toMatchObject({ decision: 'DENY', ruleReason: 'No need to know.' });
      expect(byPath['residents.edges.node.needsEvacuationAssistance'].decision).toBe('ALLOW');
      expect(byPath['residents.edges.node.careCategories'].decision).toBe('DENY');
      expect(byPath['incidents.edges.node.description'].conditions).toEqual(['allow only where category not in [PETITION_DISPUTE]']);
      expect(await sqlStatementCount(platform.subgraphUrls.population!)).toBe(statementsBefore);

      const community = await officer('civil', `query($op: String!) { explainAccess(input: { department: "community", role: "grid-worker", operation: $op }) { path decision } }`, { op: '{ resident(id: 1) { idNumber } }' });
      expect(community.data!.explainAccess).toEqual([{ path: 'resident.idNumber', decision: 'OUT_OF_SCOPE' }]);
    });

    it('names what is wrong with an operation it cannot preview', async () => {
      const { errors } = await officer('civil', '{ explainAccess(input: { department: "fire", operation: "{ residents { nope } }" }) { path } }');
      expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(errors![0]!.message).toMatch(/^input\.operation: .*nope/);
    });
  });
});
