import type { BrowserContext, Page } from 'playwright-core';
import { graphql, tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { closeBrowser, describeInBrowser, openBrowser, openScreen, pick, screenshot, signedInPage } from '../support/consoleBrowser';

const PURPOSE = 'evacuation-planning';
const DISTRICT = '330101';
const STREET = '330101001';

/** Picks the area with this code among the children of the tree's root, which opens expanded. */
async function pickArea(page: Page, testId: string, code: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-treenode').filter({ hasText: new RegExp(`· ${code}$`) }).locator('.ant-select-tree-node-content-wrapper').click();
}

/**
 * The sharing screen in a real browser: the fire data officer asks for residents' phones, the police
 * data officer approves less than was asked, a fire officer reads the phones through the graph with
 * the purpose, the police data officer revokes the grant, and the phones are masked again.
 */
describeInBrowser('the console in Chromium: sharing', () => {
  const platform = runningPlatforms()[0]!;
  let opened: Awaited<ReturnType<typeof openBrowser>>;
  let browser: BrowserContext;
  let grantsBefore: Set<string>;
  const asOfficer = async (department: 'police' | 'fire', query: string, variables: Record<string, unknown> = {}) => graphql(platform.gatewayUrl, query, variables, { token: await tokenFor(department, { role: 'data-officer' }) });
  const phones = async (gridCodePrefix: string) => {
    const { data } = await graphql(platform.gatewayUrl, 'query($g: String!) { residents(first: 3, filter: { gridCodePrefix: $g }) { edges { node { phone } } } }', { g: gridCodePrefix }, { token: await tokenFor('fire'), purpose: PURPOSE });
    return (data!.residents.edges as { node: { phone: string } }[]).map((edge) => edge.node.phone);
  };
  const fireSeesPhones = async () => (await phones(STREET)).every((phone) => /^\d{11}$/.test(phone));
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    return check();
  };
  const policeGrantsInForce = async () => (await asOfficer('police', '{ grants(activeOnly: true) { id requestId } }')).data!.grants as { id: string; requestId: string }[];

  beforeAll(async () => {
    grantsBefore = new Set((await policeGrantsInForce()).map((grant) => grant.id));
    opened = await openBrowser();
    browser = opened.browser;
  });
  afterAll(async () => {
    await closeBrowser(opened);
    // The platform is shared with other test files: end any grant this test left in force.
    for (const grant of await policeGrantsInForce()) {
      if (!grantsBefore.has(grant.id)) await asOfficer('police', 'mutation($id: ID!) { revokeGrant(id: $id, reason: "console test cleanup") { id } }', { id: grant.id });
    }
  });

  // Two signed-in pages and a dozen steps, each waiting for what a person would see: room for a busy machine.
  it('a request is made, approved, used and revoked', async () => {
    expect(await fireSeesPhones()).toBe(false);

    const [fire, fireTrouble] = await signedInPage(browser, 'fire', 'data-officer');
    await openScreen(fire, 'Sharing');
    await fire.getByTestId('request-fields').click();
    await fire.keyboard.type('Resident.phone');
    await fire.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Resident.phone"]').click();
    await fire.keyboard.press('Escape');
    await pick(fire, 'Purpose', PURPOSE);
    await pickArea(fire, 'request-scope', DISTRICT);
    await fire.getByTestId('request-duration-amount').fill('1');
    await fire.getByTestId('request-justification').fill('Flood warning for the Qingbo street: call residents who need help leaving');
    await screenshot(fire, '10-sharing-request');
    await fire.getByTestId('request-submit').click();
    const sent = (await fire.getByTestId('request-sent').textContent())!;
    const requestId = /#(\d+)/.exec(sent)![1]!;
    expect(sent).toContain('→ police');

    const [police, policeTrouble] = await signedInPage(browser, 'police', 'data-officer');
    await openScreen(police, 'Sharing');
    await police.getByRole('tab', { name: 'Inbox' }).click();
    await police.getByTestId(`approve-${requestId}`).click();
    await police.getByTestId('decide-duration-amount').fill('2');
    await pick(police, 'Duration', 'hours');
    await pickArea(police, 'decide-scope', STREET);
    await police.getByTestId('decide-reason').fill('Active flood warning; the Qingbo street only, for the evening');
    await screenshot(police, '11-sharing-inbox');
    await police.getByTestId('decide-ok').click();
    await police.getByTestId(`status-${requestId}`).filter({ hasText: 'Approved' }).waitFor();

    expect(await until(fireSeesPhones)).toBe(true);
    // Approved for the street alone: the rest of the district stays masked.
    expect((await phones('330101002')).every((phone) => phone.includes('*'))).toBe(true);

    const grant = (await policeGrantsInForce()).find((g) => g.requestId === requestId)!;
    await police.getByRole('tab', { name: 'Grants' }).click();
    await expect(police.getByTestId(`time-left-${grant.id}`).textContent()).resolves.toMatch(/^01:5\d:\d\d$/);
    await screenshot(police, '13-sharing-grants');
    await police.getByTestId(`revoke-${grant.id}`).click();
    await police.getByTestId('revoke-reason').fill('Flood warning lifted');
    await police.getByTestId('revoke-ok').click();
    await police.getByTestId(`time-left-${grant.id}`).filter({ hasText: 'Revoked' }).waitFor();
    expect(await until(async () => !(await fireSeesPhones()))).toBe(true);

    expect(fireTrouble).toEqual({ outside: [], failed: [], problems: [] });
    expect(policeTrouble).toEqual({ outside: [], failed: [], problems: [] });
  }, 900_000);
});
