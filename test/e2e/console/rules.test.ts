import type { BrowserContext } from 'playwright-core';
import { graphql, tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { cell, closeBrowser, describeInBrowser, openBrowser, screenshot, signIn, watchedPage } from '../support/consoleBrowser';

/**
 * Edit rules in a real browser: drafted, previewed, published, seen through the graph as the other
 * department, rolled back.
 */
describeInBrowser('the console in Chromium: rules', () => {
  const platform = runningPlatforms()[0]!;
  let opened: Awaited<ReturnType<typeof openBrowser>>;
  let browser: BrowserContext;
  let versionBefore: number;
  const asOfficer = async (department: 'police' | 'fire', query: string, variables: Record<string, unknown> = {}) => graphql(platform.gatewayUrl, query, variables, { token: await tokenFor(department, { role: 'data-officer' }) });
  const fireSeesPhones = async () => {
    const { data } = await graphql(platform.gatewayUrl, '{ residents(first: 3) { edges { node { phone } } } }', {}, { token: await tokenFor('fire') });
    return (data!.residents.edges as { node: { phone: string } }[]).every((edge) => !edge.node.phone.includes('*'));
  };
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    return check();
  };

  beforeAll(async () => {
    versionBefore = (await asOfficer('police', '{ policy { version } }')).data!.policy.version;
    opened = await openBrowser();
    browser = opened.browser;
  });
  afterAll(async () => {
    await closeBrowser(opened);
    // The platform is shared with other test files: leave the policy as it was found, whatever happened above.
    if (versionBefore && (await fireSeesPhones())) await asOfficer('police', 'mutation($v: Int!) { rollbackPolicy(input: { toVersion: $v, reason: "console test cleanup" }) { version } }', { v: versionBefore });
  });

  it('the police data officer lets the fire service see phones: drafted, previewed, published, seen through the graph, rolled back', async () => {
    const [page, trouble] = await watchedPage(browser);
    await signIn(page, 'police', 'data-officer');
    await page.locator('.ant-menu-item').filter({ hasText: 'Edit rules' }).click();
    await page.locator('.ant-select').filter({ hasText: 'A field your department owns' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Resident.phone"]').click();
    const firstRule = page.getByTestId('rule-editor').locator('tbody tr').first();
    await firstRule.locator('.ant-select').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="fire"]').click();
    await page.keyboard.press('Escape');

    await page.getByTestId('rules-preview').click();
    const checked = page.getByTestId('rules-checked');
    await checked.waitFor();
    await expect(checked.textContent()).resolves.toContain('The draft is valid');
    await expect(page.getByTestId('policy-diff').first().textContent()).resolves.toContain('+ Resident.phone: allow for police, civil, health, governance, fire');
    // What the fire service would then see, on a made-up number: masked now, in full after publishing.
    await expect(page.getByTestId('change-Resident.phone-fire').textContent()).resolves.toMatch(/MASK · phone.*ALLOW.*\d{3}\*{4}\d{4}\s*→\s*\d{11}/);
    await screenshot(page, '7-rules-preview');
    expect(await fireSeesPhones()).toBe(false);

    await page.getByTestId('rules-reason').fill('Fire service calls residents during evacuations');
    await page.getByTestId('rules-publish').click();
    await expect(page.getByTestId('rules-published').textContent()).resolves.toContain(`version ${versionBefore + 1}`);
    expect(await until(fireSeesPhones)).toBe(true);
    await page.locator('.ant-menu-item').filter({ hasText: 'Who sees what' }).click();
    await expect(cell(page, 'Resident.phone', 'fire').getAttribute('data-state')).resolves.toBe('ALLOW');

    await page.locator('.ant-menu-item').filter({ hasText: 'Edit rules' }).click();
    await page.getByTestId('rollback-reason').fill('Evacuation over');
    await page.getByTestId(`rollback-${versionBefore}`).click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await page.getByTestId('rules-version').filter({ hasText: String(versionBefore + 2) }).waitFor();
    await screenshot(page, '8-rules-history');
    expect(await until(async () => !(await fireSeesPhones()))).toBe(true);

    expect(trouble).toEqual({ outside: [], failed: [], problems: [] });
    await page.close();
  });
});
