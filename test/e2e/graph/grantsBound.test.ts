import { graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

/** Polls until `check` holds; fails after `limitMs`. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${limitMs} ms`);
}

type Department = Parameters<typeof tokenFor>[0];
const STREET = '330101002';
const KEY_PERSONNEL_RULES = `{ field: "Resident.keyPersonnelCategory", departments: ["police"], effect: "allow", reason: "Key personnel are supervised by public security only." },
  { field: "Resident.keyPersonnelCategory", departments: ["fire", "emergency", "civil", "housing", "petition", "health", "governance", "community"], effect: "deny", reason: "Police only.", grantsMayLift: $lift }`;

describe.each(eachBackend())('grants bound to what was approved (%s)', (_backend, platform) => {
  const as = async (department: Department, query: string, variables: Record<string, unknown> = {}, options: { role?: 'data-officer'; subject?: string; purpose?: string } = {}) =>
    graphql(platform.gatewayUrl, query, variables, { token: await tokenFor(department, options), ...(options.purpose ? { purpose: options.purpose } : {}) });
  const officer = (department: Department, query: string, variables: Record<string, unknown> = {}) => as(department, query, variables, { role: 'data-officer' });
  const currentVersion = async () => (await officer('police', '{ policy { version } }')).data!.policy.version as number;
  const approve = async (department: Department, id: string) =>
    officer(department, 'mutation($id: ID!) { decideSharingRequest(input: { id: $id, approve: true, reason: "approved in the test" }) { status grant { id active purpose subjects } } }', { id });
  const revoke = (department: Department, id: string) => officer(department, 'mutation($id: ID!) { revokeGrant(id: $id) { active } }', { id });

  describe('x-access-purpose', () => {
    it('refuses a purpose outside the catalogue for the whole request, before planning, naming the header and where the codes are', async () => {
      const lunch = await as('police', '{ residents(first: 1) { edges { node { phone } } } }', {}, { purpose: 'lunch' });
      expect(lunch.status).toBe(400);
      expect(lunch.data).toBeUndefined();
      expect(lunch.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'x-access-purpose' }) })]);
      expect(lunch.errors![0]!.message).toMatch(/^x-access-purpose: "lunch" is not a purpose of the catalogue/);
      expect(lunch.errors![0]!.message).toContain('purposes { code description }');
      expect(lunch.errors![0]!.message).toContain('welfare-check');
    });

    it('passes a catalogue purpose, and a request stating none', async () => {
      const stated = await as('police', '{ residents(first: 1) { edges { node { phone } } } }', {}, { purpose: 'criminal-investigation' });
      expect(stated.status).toBe(200);
      expect(stated.data!.residents.edges[0].node.phone).toMatch(/^\d{11}$/);
      const none = await as('police', '{ residents(first: 1) { edges { node { phone } } } }');
      expect(none.status).toBe(200);
    });

    it('still asks for a valid token first', async () => {
      const response = await graphql(platform.gatewayUrl, '{ residents(first: 1) { totalCount } }', {}, { purpose: 'lunch' });
      expect(response.status).toBe(401);
    });
  });

  describe('the purpose catalogue', () => {
    it('is readable by any signed-in user, and kept by data officers: a purpose added is accepted at once, a retired one refused', async () => {
      const listed = await as('fire', '{ purposes { code description retired } }');
      expect(listed.data!.purposes).toContainEqual({ code: 'welfare-check', description: expect.stringContaining('vulnerable'), retired: false });

      const code = `school-drill-${Date.now()}`;
      const asOfficer = await as('fire', 'mutation($c: String!, $v: Int!) { addPurpose(input: { code: $c, description: "x", reason: "x", baseVersion: $v }) { version } }', { c: code, v: await currentVersion() });
      expect(asOfficer.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      const badCode = await officer('fire', 'mutation($v: Int!) { addPurpose(input: { code: "School Drill", description: "x", reason: "x", baseVersion: $v }) { version } }', { v: await currentVersion() });
      expect(badCode.errors![0]!).toMatchObject({ message: expect.stringMatching(/^input\.code: /), extensions: { code: 'BAD_USER_INPUT' } });

      const states = async () => (await as('fire', '{ residents(first: 1) { totalCount } }', {}, { purpose: code })).status;
      expect(await states()).toBe(400);
      const added = await officer('fire', 'mutation($c: String!, $v: Int!) { addPurpose(input: { code: $c, description: "Fire evacuation drill in a school", reason: "drill season", baseVersion: $v }) { version author purposes { code } } }', { c: code, v: await currentVersion() });
      expect(added.errors).toBeUndefined();
      expect(added.data!.addPurpose.purposes.map((p: { code: string }) => p.code)).toContain(code);
      try {
        await within(5000, async () => (await states()) === 200);
      } finally {
        const retired = await officer('fire', 'mutation($c: String!, $v: Int!) { retirePurpose(input: { code: $c, reason: "drill over", baseVersion: $v }) { version } }', { c: code, v: await currentVersion() });
        expect(retired.errors).toBeUndefined();
      }
      await within(5000, async () => (await states()) === 400);
      const all = await as('fire', '{ purposes(includeRetired: true) { code retired } }');
      expect(all.data!.purposes).toContainEqual({ code, retired: true });
    });
  });

  describe('a grant for welfare-check, for named users', () => {
    const phones = (subject: string, purpose: string) => as('fire', `{ residents(first: 3, filter: { gridCodePrefix: "${STREET}" }) { edges { node { phone } } } }`, {}, { subject, purpose });
    const fullPhones = async (subject: string, purpose: string) => (await phones(subject, purpose)).data!.residents.edges.every((e: any) => /^\d{11}$/.test(e.node.phone));
    const maskedPhones = async (subject: string, purpose: string) => (await phones(subject, purpose)).data!.residents.edges.every((e: any) => /\*{4}/.test(e.node.phone));

    it('refuses a request naming a purpose outside the catalogue', async () => {
      const { errors } = await officer('fire', 'mutation { requestAccess(input: { fields: ["Resident.phone"], purpose: "lunch", scope: "", duration: "PT1H" }) { id } }');
      expect(errors![0]!).toMatchObject({ message: expect.stringMatching(/^input\.purpose: "lunch" is not a purpose of the catalogue/), extensions: { code: 'BAD_USER_INPUT' } });
    });

    it('holds for its purpose and its users only', async () => {
      const li = `fire-officer-li-${Date.now()}`;
      const requested = await officer('fire', 'mutation($s: String!, $u: [String!]) { requestAccess(input: { fields: ["Resident.phone"], purpose: "welfare-check", users: $u, scope: $s, duration: "PT1H" }) { id ownerDepartments subjects } }', { s: STREET, u: [li] });
      expect(requested.errors).toBeUndefined();
      expect(requested.data!.requestAccess).toMatchObject({ ownerDepartments: ['police'], subjects: [li] });
      const approved = await approve('police', requested.data!.requestAccess.id);
      expect(approved.data!.decideSharingRequest.grant).toMatchObject({ active: true, purpose: 'welfare-check', subjects: [li] });
      try {
        await within(5000, () => fullPhones(li, 'welfare-check'));
        expect(await maskedPhones(li, 'emergency-response')).toBe(true);
        expect(await maskedPhones(li, 'evacuation-planning')).toBe(true);
        expect(await maskedPhones(`fire-officer-zhao-${Date.now()}`, 'welfare-check')).toBe(true);
      } finally {
        await revoke('police', approved.data!.decideSharingRequest.grant.id);
      }
    });
  });

  describe('one owner per field, and deny rules only the owner opens', () => {
    const civilReadsKeyPersonnel = (subject: string) =>
      as('civil', `{ residents(first: 2, filter: { gridCodePrefix: "${STREET}" }) { edges { node { id keyPersonnelCategory } } } }`, {}, { subject, purpose: 'welfare-check' });
    const forbidden = async (subject: string) => (await civilReadsKeyPersonnel(subject)).errors?.some((e) => e.extensions!.code === 'FORBIDDEN' && e.extensions!.field === 'Resident.keyPersonnelCategory') ?? false;
    const reads = async (subject: string) => {
      const { status, errors, data } = await civilReadsKeyPersonnel(subject);
      return status === 200 && errors === undefined && data!.residents.edges.length === 2;
    };
    const setLift = async (lift: boolean) => {
      const published = await officer('police', `mutation($v: Int!, $lift: Boolean) { setFieldRules(input: { field: "Resident.keyPersonnelCategory", baseVersion: $v, reason: "grants may lift: ${lift}", rules: [${KEY_PERSONNEL_RULES}] }) { version } }`, { v: await currentVersion(), lift });
      expect(published.errors).toBeUndefined();
    };

    it('refuses a request for a field the department owns, and one an explicit deny closes to grants', async () => {
      const own = await officer('police', 'mutation { requestAccess(input: { fields: ["Resident.keyPersonnelCategory"], purpose: "criminal-investigation", scope: "", duration: "P1D" }) { id } }');
      expect(own.errors![0]!).toMatchObject({ message: expect.stringMatching(/^input\.fields: your department owns Resident\.keyPersonnelCategory; change its rules/), extensions: { code: 'BAD_USER_INPUT' } });
      const civil = await officer('civil', 'mutation { requestAccess(input: { fields: ["Resident.keyPersonnelCategory"], purpose: "welfare-check", scope: "", duration: "P1D" }) { id } }');
      expect(civil.errors![0]!).toMatchObject({ message: expect.stringMatching(/denied to civil by rule \d+ \("Police only\."\), which grants may not lift; only police/), extensions: { code: 'FORBIDDEN' } });
      const fire = await officer('fire', 'mutation { requestAccess(input: { fields: ["Resident.careCategories"], purpose: "emergency-response", scope: "", duration: "P1D" }) { id } }');
      expect(fire.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    });

    it('lets only the owner (police) decide civil affairs\' request; the grant applies only while the deny says grants may lift it', async () => {
      const base = await currentVersion();
      const chen = `civil-officer-chen-${Date.now()}`;
      let grantId: string | undefined;
      try {
        await setLift(true);
        const requested = await officer('civil', 'mutation($u: [String!]) { requestAccess(input: { fields: ["Resident.keyPersonnelCategory"], purpose: "welfare-check", users: $u, scope: "", duration: "PT1H" }) { id ownerDepartments } }', { u: [chen] });
        expect(requested.errors).toBeUndefined();
        expect(requested.data!.requestAccess.ownerDepartments).toEqual(['police']);
        const id = requested.data!.requestAccess.id;

        const byCivil = await approve('civil', id);
        expect(byCivil.errors![0]!).toMatchObject({ message: expect.stringContaining('No department decides its own request'), extensions: { code: 'FORBIDDEN' } });
        const byFire = await approve('fire', id);
        expect(byFire.errors![0]!).toMatchObject({ message: expect.stringContaining('Only the data officer of police'), extensions: { code: 'FORBIDDEN' } });
        const byPolice = await approve('police', id);
        expect(byPolice.errors).toBeUndefined();
        grantId = byPolice.data!.decideSharingRequest.grant.id;

        await within(5000, () => reads(chen));
        expect(await forbidden(`civil-officer-other-${Date.now()}`)).toBe(true);

        await setLift(false);
        await within(5000, () => forbidden(chen));
        const grants = await officer('civil', '{ grants(activeOnly: true) { id } }');
        expect(grants.data!.grants.map((g: { id: string }) => g.id)).toContain(grantId);

        await setLift(true);
        await within(5000, () => reads(chen));
      } finally {
        if (grantId) await revoke('police', grantId);
        const rolled = await officer('police', 'mutation($to: Int!) { rollbackPolicy(input: { toVersion: $to, reason: "test over" }) { version } }', { to: base });
        expect(rolled.errors).toBeUndefined();
      }
      await within(5000, async () => forbidden(chen));
    });

    it('lets only the owner change a field\'s rules or hand it over', async () => {
      const v = await currentVersion();
      const byCivil = await officer('civil', `mutation($v: Int!, $lift: Boolean) { setFieldRules(input: { field: "Resident.keyPersonnelCategory", baseVersion: $v, reason: "we co-own population", rules: [${KEY_PERSONNEL_RULES}] }) { version } }`, { v, lift: true });
      expect(byCivil.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', fields: ['Resident.keyPersonnelCategory'] });
      const yaml = (await officer('civil', '{ policy { yaml } }')).data!.policy.yaml.replace('Resident.keyPersonnelCategory: police', 'Resident.keyPersonnelCategory: civil');
      const preview = await officer('civil', 'query($y: String!) { previewPolicy(yaml: $y) { valid fieldsNotYours } }', { y: yaml });
      expect(preview.data!.previewPolicy).toEqual({ valid: true, fieldsNotYours: ['Resident.keyPersonnelCategory'] });
      const owners = await officer('civil', '{ policy { owners { entry department } } }');
      expect(owners.data!.policy.owners).toContainEqual({ entry: 'Resident.keyPersonnelCategory', department: 'police' });
    });
  });
});
