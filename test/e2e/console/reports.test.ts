import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { graphql } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { closeBrowser, describeInBrowser, openBrowser, openScreen, screenshot, signedInPage } from '../support/consoleBrowser';

const ELDERLY = 'Elderly residents in buildings with open fire hazards, by community';
const LIVING_ALONE = 'Living alone (care register)';
const NEED_HELP = 'Need help to evacuate';

/** What GET /reports/{id}/run.json answers, as far as this test reads it. */
interface ReportResult {
  columns: { key: string; label: string }[];
  rows: Record<string, unknown>[];
  refused: { column: string; cells: number; code: string }[];
}

/**
 * The Reports screen in a real browser: a fire officer finds the elderly report among those shared with
 * fire, runs it, sees the run's progress and then the table: the care register's count refused
 * (FORBIDDEN, civil affairs' data) and the evacuation counts given. The CSV download has the result's
 * headings and one line per row of the same report run directly at /reports/{id}/run.json with the
 * console's own token. A variables override that is not JSON is named before anything is sent, one the
 * gateway refuses is shown with its code, and a run can be cancelled.
 */
describeInBrowser('the console in Chromium: reports', () => {
  const platform = runningPlatforms()[0]!;
  const origin = new URL(platform.gatewayUrl).origin;
  let opened: Awaited<ReturnType<typeof openBrowser>>;
  let browser: BrowserContext;

  beforeAll(async () => {
    opened = await openBrowser();
    browser = opened.browser;
  });
  afterAll(() => closeBrowser(opened));

  it('runs the elderly report for a fire officer with its progress, refusals and counts, and downloads it as CSV', async () => {
    const [page, trouble] = await signedInPage(browser, 'fire', 'officer');
    try {
      // The token the console signed in with: the direct run below is the same user's.
      const token = await page.evaluate(() => sessionStorage.getItem('civic-console-token'));
      expect(token).toBeTruthy();
      const listed = await graphql(platform.gatewayUrl, '{ savedReports { id name } }', {}, { token: token! });
      const id = (listed.data!.savedReports as { id: string; name: string }[]).find((report) => report.name === ELDERLY)?.id;
      expect(id).toBeDefined();

      await openScreen(page, 'Reports');
      await page.locator('[data-testid="report-count"][data-count]').waitFor();
      await page.getByTestId('report-search').fill('elderly fire');
      await expect(page.getByTestId('report-count').getAttribute('data-count')).resolves.toBe('1');
      await page.getByTestId('report-open').filter({ hasText: ELDERLY }).click();
      await page.locator(`[data-testid="report-panel"][data-report="${id}"]`).waitFor();

      // The progress line may be on screen for a moment only: an observer in the page notes the highest seen.
      await page.evaluate(() => {
        const seen = { shown: false, pages: 0, rows: 0 };
        (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
        const note = () => {
          const element = document.querySelector('[data-testid="report-progress"]');
          if (!element) return;
          seen.shown = true;
          seen.pages = Math.max(seen.pages, Number(element.getAttribute('data-pages')));
          seen.rows = Math.max(seen.rows, Number(element.getAttribute('data-rows')));
        };
        new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-pages', 'data-rows'] });
      });
      await page.getByTestId('report-run').click();
      const result = page.getByTestId('report-result');
      await result.waitFor();
      const seen = await page.evaluate(() => (window as unknown as { progressSeen: { shown: boolean; pages: number; rows: number } }).progressSeen);
      expect(seen.shown).toBe(true);
      expect(seen.pages).toBeGreaterThan(0);
      expect(seen.rows).toBeGreaterThan(0);
      await expect(page.getByTestId('report-progress').count()).resolves.toBe(0);

      const direct = await fetch(`${origin}/reports/${id}/run.json`, { headers: { authorization: `Bearer ${token}` } });
      expect(direct.status).toBe(200);
      const expected = (await direct.json()) as ReportResult;
      const keyOf = (label: string) => expected.columns.find((column) => column.label === label)!.key;
      expect(expected.rows.length).toBeGreaterThan(0);

      // As many rows on screen as the direct run has (fewer than a page of 50 communities).
      const rows = Number(await result.getAttribute('data-rows'));
      expect(rows).toBe(expected.rows.length);
      await expect(page.locator('[data-testid="report-table"] tbody tr.ant-table-row').count()).resolves.toBe(Math.min(rows, 50));

      // The care register is civil affairs' and not given to fire: every cell of its count refused, said in its heading.
      const livingAlone = page.locator(`[data-testid="report-table"] thead [data-testid="report-column"][data-key="${keyOf(LIVING_ALONE)}"]`);
      await expect(livingAlone.textContent()).resolves.toContain(LIVING_ALONE);
      const refusedTag = livingAlone.getByTestId('refused-tag');
      await expect(refusedTag.getAttribute('data-code')).resolves.toBe('FORBIDDEN');
      await expect(refusedTag.textContent()).resolves.toBe(`refused: FORBIDDEN · ${rows} cells`);
      await expect(page.locator(`[data-testid="report-cell"][data-column="${keyOf(LIVING_ALONE)}"]`).count()).resolves.toBe(0);
      const emptyCell = page.locator(`[data-testid="report-cell-empty"][data-column="${keyOf(LIVING_ALONE)}"]`).first();
      await emptyCell.hover();
      await page.locator('.ant-tooltip:visible').filter({ hasText: 'Refused: the graph did not give you this value (FORBIDDEN)' }).waitFor();
      expect(expected.refused).toContainEqual({ column: keyOf(LIVING_ALONE), cells: rows, code: 'FORBIDDEN' });

      // The evacuation counts are fire's to see: not refused; each a multiple of 5, or withheld as under 5 and said so.
      const needHelp = page.locator(`[data-testid="report-table"] thead [data-testid="report-column"][data-key="${keyOf(NEED_HELP)}"]`);
      await expect(needHelp.textContent()).resolves.toContain(NEED_HELP);
      await expect(needHelp.getByTestId('refused-tag').count()).resolves.toBe(0);
      expect(expected.refused.map((refusal) => refusal.column)).not.toContain(keyOf(NEED_HELP));
      const shownCounts = (await page.locator(`[data-testid="report-cell"][data-column="${keyOf(NEED_HELP)}"]`).allTextContents()).map(Number);
      const directCounts = expected.rows.map((row) => row[keyOf(NEED_HELP)]).filter((count) => count !== null);
      expect(shownCounts).toEqual(directCounts);
      for (const count of shownCounts) expect(count % 5).toBe(0);
      const withheld = page.locator(`[data-testid="report-cell-empty"][data-column="${keyOf(NEED_HELP)}"]`);
      await expect(withheld.count()).resolves.toBe(rows - shownCounts.length);
      if (rows > shownCounts.length) {
        await withheld.first().hover();
        await page.locator('.ant-tooltip:visible').filter({ hasText: 'Withheld: a count under the threshold (< 5)' }).waitFor();
      }
      // The elderly counts are given too, at least in part.
      await expect(page.locator(`[data-testid="report-cell"][data-column="${keyOf('Residents aged 60+')}"]`).count()).resolves.toBeGreaterThan(0);
      await expect(page.getByTestId('report-suppression').textContent()).resolves.toContain('Counts under 5 are withheld');
      await expect(page.getByTestId('report-ran-by').textContent()).resolves.toContain('fire');
      // For the README: the list, the run and the whole table in one picture, no tooltip over it.
      await page.mouse.move(0, 0);
      await page.waitForFunction(() => [...document.querySelectorAll('.ant-tooltip')].every((tooltip) => (tooltip as HTMLElement).offsetParent === null));
      await page.setViewportSize({ width: 1600, height: 1500 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, '15-reports');
      await page.setViewportSize({ width: 1600, height: 1000 });

      const download = page.waitForEvent('download');
      await page.getByTestId('report-download-csv').click();
      const lines = readFileSync(await (await download).path(), 'utf8').trim().split('\r\n');
      expect(lines[0]).toBe(expected.columns.map((column) => column.label).join(','));
      expect(lines).toHaveLength(expected.rows.length + 1);

      // A variables override that is not JSON is named before anything is sent.
      await page.getByTestId('report-variables').fill('{place: 1}');
      await page.getByTestId('report-run').click();
      await expect(page.getByTestId('report-variables-error').textContent()).resolves.toContain('The variables are not a JSON object');

      // One the server refuses comes as the stream's error line, shown with its code.
      await page.getByTestId('report-variables').fill('{"place": 5}');
      await page.getByTestId('report-run').click();
      const refused = page.getByTestId('report-error');
      await expect(refused.getAttribute('data-code')).resolves.toBe('BAD_USER_INPUT');
      await expect(refused.textContent()).resolves.toContain('$place');
      await expect(page.getByTestId('report-result').count()).resolves.toBe(0);
      expect(trouble).toEqual({ outside: [], failed: [], problems: [] });

      // Cancelled as soon as it starts (20 pages take longer than a click), the run ends with no result.
      await page.getByTestId('report-variables').fill('');
      await page.getByTestId('report-run').click();
      await page.getByTestId('report-cancel').click();
      await page.getByTestId('report-cancelled').waitFor();
      await expect(page.getByTestId('report-result').count()).resolves.toBe(0);
      await expect(page.getByTestId('report-cancel').count()).resolves.toBe(0);
    } finally {
      await page.close();
    }
  });

  it("shows a report's definition read-only, with no Delete on a report the user may not change", async () => {
    const [page, trouble] = await signedInPage(browser, 'fire', 'officer');
    try {
      await openScreen(page, 'Reports');
      await page.locator('[data-testid="report-count"][data-count]').waitFor();
      // The seeded reports are governance's: a fire officer may run them, not delete them.
      await page.getByTestId('report-open').filter({ hasText: ELDERLY }).click();
      await page.locator('[data-testid="report-panel"][data-report]').filter({ hasText: ELDERLY }).waitFor();
      await page.getByTestId('report-definition-tab').click();
      const definition = page.getByTestId('report-definition');
      await expect(definition.getByTestId('report-operation').textContent()).resolves.toContain('query ElderlyInBuildingsWithOpenFireHazards');
      await expect(definition.textContent()).resolves.toContain('age GTE 60');
      await expect(definition.textContent()).resolves.toContain('openHazards CONTAINS_ANY BLOCKED_EXIT,EBIKE_CHARGING,FAULTY_WIRING,GAS_LEAK');
      await expect(definition.textContent()).resolves.toContain('COUNT_WHERE (careCategories CONTAINS ELDERLY_LIVING_ALONE)');
      await expect(page.getByTestId('report-delete').count()).resolves.toBe(0);
      expect(trouble).toEqual({ outside: [], failed: [], problems: [] });
    } finally {
      await page.close();
    }
  });

  it('lets the author of a report delete it', async () => {
    const [page, trouble] = await signedInPage(browser, 'fire', 'officer');
    let id: string | undefined;
    const token = await page.evaluate(() => sessionStorage.getItem('civic-console-token'));
    const name = `Recent incidents, fire's copy ${Date.now()}`;
    try {
      // The other example, under a name of its own, saved by this user: theirs to delete.
      const example = JSON.parse(readFileSync('examples/reports/incidents-last-30-days-with-dispatches.json', 'utf8')) as Record<string, unknown>;
      const saved = await graphql(platform.gatewayUrl, 'mutation ($input: SaveReportInput!) { saveReport(input: $input) { id editable } }', { input: { ...example, name, sharedWith: [] } }, { token: token! });
      expect(saved.errors).toBeUndefined();
      id = (saved.data!.saveReport as { id: string; editable: boolean }).id;
      expect(saved.data!.saveReport.editable).toBe(true);

      await openScreen(page, 'Reports');
      await page.getByTestId('report-open').filter({ hasText: name }).click();
      const panel = page.locator(`[data-testid="report-panel"][data-report="${id}"]`);
      await panel.waitFor();
      await panel.getByTestId('report-delete').click();
      const deleted = page.waitForResponse((response) => response.url().endsWith('/graphql') && Boolean(response.request().postData()?.includes('DeleteReport')));
      await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await expect((await deleted).json()).resolves.toEqual({ data: { deleteReport: true } });
      await panel.waitFor({ state: 'detached' });
      await page.getByTestId('report-open').filter({ hasText: name }).waitFor({ state: 'detached' });
      const listed = await graphql(platform.gatewayUrl, '{ savedReports { id } }', {}, { token: token! });
      expect((listed.data!.savedReports as { id: string }[]).map((report) => report.id)).not.toContain(id);
      id = undefined;
      expect(trouble).toEqual({ outside: [], failed: [], problems: [] });
    } finally {
      await page.close();
      if (id) await graphql(platform.gatewayUrl, 'mutation ($id: ID!) { deleteReport(id: $id) }', { id }, { token: token! });
    }
  });
});
