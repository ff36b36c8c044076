import type { BrowserContext } from 'playwright-core';
import { closeBrowser, cell, describeInBrowser, openBrowser, openConsole, pick, screenshot, signIn, watchedPage } from '../support/consoleBrowser';

/**
 * The console in a real browser: a data officer signs in with the development sign-in, reads who sees
 * what, looks at one department, previews an operation as another department, switches to Chinese; an
 * officer without the data-officer role is refused, and the console says so.
 */
describeInBrowser('the console in Chromium', () => {
  let opened: Awaited<ReturnType<typeof openBrowser>>;
  let browser: BrowserContext;

  beforeAll(async () => {
    opened = await openBrowser();
    browser = opened.browser;
  });
  afterAll(() => closeBrowser(opened));

  it('a data officer signs in, reads who sees what, one department, and a preview, in English and Chinese', async () => {
    const [page, trouble] = await watchedPage(browser);
    await openConsole(page);
    await page.getByTestId('signin-submit').waitFor();
    await pick(page, 'Department', 'police');
    await screenshot(page, '1-sign-in');
    await pick(page, 'Role', 'data-officer');
    await page.getByTestId('signin-submit').click();
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('police · data-officer');

    // Who sees what: the phone is masked for the fire service, ID numbers are the police's and civil affairs' only.
    await cell(page, 'Resident.phone', 'fire').waitFor();
    await expect(cell(page, 'Resident.phone', 'fire').getAttribute('data-state')).resolves.toBe('MASK');
    await expect(cell(page, 'Resident.phone', 'fire').textContent()).resolves.toContain('mask·phone');
    await expect(cell(page, 'Resident.idNumber', 'community').getAttribute('data-state')).resolves.toBe('SCOPED_MASK');
    await expect(cell(page, 'Resident.idNumber', 'fire').getAttribute('data-state')).resolves.toBe('DENY');
    await cell(page, 'Resident.phone', 'fire').hover();
    const detail = page.getByTestId('cell-detail').filter({ visible: true } as never);
    await detail.waitFor();
    await expect(detail.textContent()).resolves.toMatch(/Inside the jurisdiction:\s*MASK \(phone\) — rule \d+/);
    await screenshot(page, '2-who-sees-what');
    await page.mouse.move(0, 0);

    // Filter by field, then one department's view.
    await page.getByPlaceholder('Filter fields').fill('careCategories');
    await expect(page.locator('tr[data-row-key]').count()).resolves.toBe(1);
    await page.getByPlaceholder('Filter fields').fill('');
    await page.locator('.ant-select').filter({ hasText: 'One department' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="fire"]').click();
    await expect(page.getByTestId('can-see').textContent()).resolves.toContain('Resident.phone');
    await expect(page.getByTestId('cannot-see').textContent()).resolves.toContain('Resident.idNumber');
    await screenshot(page, '3-one-department');

    // Preview as the fire service: the phone would be masked, the ID number refused, by which rule.
    await page.locator('.ant-menu-item').filter({ hasText: 'Preview as a department' }).click();
    await page.getByTestId('preview-run').click();
    await expect(page.getByTestId('decision-residents.edges.node.phone').textContent()).resolves.toBe('MASK · phone');
    await expect(page.getByTestId('decision-residents.edges.node.idNumber').textContent()).resolves.toBe('DENY');
    await expect(page.getByTestId('preview-result').textContent()).resolves.toMatch(/rule \d+/);
    await screenshot(page, '4-preview');
    // A common operation picked instead of written: care visits' notes are civil affairs' and health's only.
    await page.getByTestId('preview-examples').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Elderly residents living alone"]').click();
    await page.getByTestId('preview-run').click();
    await expect(page.getByTestId('decision-residents.edges.node.careVisits.notes').textContent()).resolves.toBe('DENY');

    // 中文: the console's own words and Ant Design's.
    await page.locator('.ant-segmented-item').filter({ hasText: '中文' }).click();
    await page.locator('.ant-menu-item').filter({ hasText: '谁能看到什么' }).click();
    await cell(page, 'Resident.phone', 'fire').waitFor();
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('当前用户');
    await screenshot(page, '5-who-sees-what-zh');

    expect(trouble).toEqual({ outside: [], failed: [], problems: [] });
    await page.close();
  });

  it('an officer without the data-officer role gets the refusal, shown as one', async () => {
    const [page, trouble] = await watchedPage(browser);
    await signIn(page, 'fire', 'officer');
    const error = page.getByTestId('graphql-error');
    await error.first().waitFor();
    await expect(error.first().textContent()).resolves.toContain('FORBIDDEN');
    await expect(page.locator('tr[data-row-key]').count()).resolves.toBe(0);
    await screenshot(page, '6-refused');
    expect(trouble.outside).toEqual([]);
    expect(trouble.problems).toEqual([]);
    await page.close();
  });
});
