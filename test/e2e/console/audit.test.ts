import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { graphql, tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { closeBrowser, describeInBrowser, openBrowser, openScreen, screenshot, signIn, watchedPage } from '../support/consoleBrowser';

/** A bound on the audit outbox's shipping (every second by default), not an expectation. */
const SHIPPED_WITHIN_MS = 30_000;

/**
 * The Audit screen in a real browser: reads made through the graph by one user (two idNumbers read with a
 * stated purpose, one refused idNumber read) are found by the police data officer by that user, the
 * refusal marked, charted per day, and exported as CSV through the streamed export with the officer's token.
 */
describeInBrowser('the console in Chromium: audit', () => {
  const platform = runningPlatforms()[0]!;
  // One user name for both reads, so that one search by user finds the reads and the refusal.
  const subject = `audit-console-${Date.now()}`;
  let opened: Awaited<ReturnType<typeof openBrowser>>;
  let browser: BrowserContext;

  const recordsOfSubject = async () => {
    const { data } = await graphql(platform.gatewayUrl, 'query($s: String!) { auditRecords(filter: { subject: $s }) { totalCount } }', { s: subject }, { token: await tokenFor('police', { role: 'data-officer' }) });
    return data!.auditRecords.totalCount as number;
  };

  beforeAll(async () => {
    const read = await graphql(platform.gatewayUrl, '{ residents(first: 2, filter: { gridCodePrefix: "330101002" }) { edges { node { idNumber } } } }', {}, { token: await tokenFor('police', { subject }), purpose: 'identity-verification' });
    expect(read.errors).toBeUndefined();
    const refused = await graphql(platform.gatewayUrl, '{ residents(first: 1) { edges { node { idNumber } } } }', {}, { token: await tokenFor('fire', { subject }) });
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const started = Date.now();
    while ((await recordsOfSubject()) < 3) {
      if (Date.now() - started > SHIPPED_WITHIN_MS) throw new Error(`the reads were not in the trail within ${SHIPPED_WITHIN_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    opened = await openBrowser();
    browser = opened.browser;
  });
  afterAll(() => closeBrowser(opened));

  it('an audit search finds the reads just made, the refusal marked, charts them, and exports them as CSV', async () => {
    const [page, trouble] = await watchedPage(browser);
    // Chromium's save dialog is native and cannot be driven here; without it the console saves a Blob, a download.
    await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
    await signIn(page, 'police', 'data-officer');
    await openScreen(page, 'Audit');
    await page.getByTestId('audit-subject').fill(subject);
    await page.getByTestId('audit-run').click();

    const table = page.getByTestId('audit-table');
    await table.locator('tr[data-decision="deny"]').waitFor();
    await expect(table.locator('tbody tr[data-decision]').count()).resolves.toBe(3);
    await expect(table.locator('tr[data-decision="allow"]').count()).resolves.toBe(2);
    await expect(table.locator('tr[data-decision="allow"]').first().textContent()).resolves.toContain('identity-verification');
    await expect(table.locator('tr[data-decision="deny"]').textContent()).resolves.toMatch(/fire.*Resident\.idNumber.*deny · denied/);
    await expect(page.locator('.ant-pagination-total-text').textContent()).resolves.toBe('3 records');

    const chart = page.getByTestId('audit-chart');
    await chart.locator('rect[data-department="denied"]').waitFor();
    await expect(chart.locator('rect[data-department="police"] title').textContent()).resolves.toMatch(/: 2$/);
    await expect(chart.locator('rect[data-department="denied"] title').textContent()).resolves.toMatch(/: 1$/);

    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    const file = readFileSync(await (await download).path(), 'utf8');
    const lines = file.trim().split('\r\n');
    expect(lines[0]).toBe('at,subject,department,roles,purpose,typeName,fieldName,recordId,recordGridCode,decision,grantId,subgraph');
    expect(lines.slice(1).map((line) => line.split(',').slice(1, 3).concat(line.split(',')[9]!))).toEqual(
      expect.arrayContaining([[subject, 'police', 'allow'], [subject, 'police', 'allow'], [subject, 'fire', 'deny']]),
    );
    expect(lines).toHaveLength(4);
    const progress = page.locator('[data-testid="audit-export-progress"][data-done="true"]');
    await progress.waitFor();
    await expect(progress.textContent()).resolves.toContain('3 rows');

    await screenshot(page, '9-audit');
    expect(trouble).toEqual({ outside: [], failed: [], problems: [] });
    await page.close();
  });
});
