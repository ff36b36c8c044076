import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, tokenFor } from '@civic/testkit';
import { runningPlatforms } from './support/platforms';

/**
 * The example integrator client (examples/integrator-client), built as `npm run build` builds it and run
 * as a real process against the real gateway, the way an integrator would run it.
 */
const NODE = join(process.cwd(), 'node_modules/.bin/node');
const CLIENT = join(process.cwd(), 'examples/integrator-client/dist/main.js');
const PAGE_SIZE = 5;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface Printed {
  id: string;
  name: string | null;
  age: number | null;
  gridCode: string;
  idNumber: string | null;
}

describe('the example integrator client', () => {
  const platform = runningPlatforms()[0]!;

  function client(args: string[], token: string): Promise<Run> {
    const { CIVIC_PURPOSE: _purpose, ...env } = process.env;
    return new Promise((resolve) => {
      execFile(NODE, [CLIENT, ...args], { env: { ...env, GATEWAY_URL: platform.gatewayUrl, CIVIC_TOKEN: token }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
      );
    });
  }
  const printed = (run: Run) => run.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Printed);

  let grid: string;
  let expectedIds: string[];

  beforeAll(async () => {
    const token = await tokenFor('civil');
    // The grid with the most residents, so that pages of PAGE_SIZE make several pages.
    const grids = await graphql(platform.gatewayUrl, '{ grids { code residents(first: 1) { totalCount } } }', {}, { token });
    expect(grids.errors).toBeUndefined();
    const largest = grids.data!.grids.reduce((a: { code: string; residents: { totalCount: number } }, b: typeof a) => (b.residents.totalCount > a.residents.totalCount ? b : a));
    grid = largest.code;
    expectedIds = [];
    for (let after: string | null = null; ; ) {
      const page = await graphql(platform.gatewayUrl, 'query ($grid: String!, $after: String) { residents(first: 200, after: $after, filter: { gridCodePrefix: $grid }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', { grid, after }, { token });
      expect(page.errors).toBeUndefined();
      expectedIds.push(...page.data!.residents.edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!page.data!.residents.pageInfo.hasNextPage) break;
      after = page.data!.residents.pageInfo.endCursor;
    }
    expect(expectedIds.length).toBe(largest.residents.totalCount);
    expect(expectedIds.length).toBeGreaterThan(2 * PAGE_SIZE);
  });

  it('pages through the residents of a grid, printing each exactly once, and says how many pages it took', async () => {
    const run = await client(['residents', '--grid', grid, '--page-size', String(PAGE_SIZE)], await tokenFor('civil'));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    const residents = printed(run);
    expect(residents.map((r) => r.id).sort()).toEqual([...expectedIds].sort());
    expect(new Set(residents.map((r) => r.id)).size).toBe(residents.length);
    for (const resident of residents) expect(resident.gridCode).toBe(grid);
    // Civil affairs hold the identity register: nothing refused.
    for (const resident of residents) expect(resident.idNumber).toMatch(/^\d{17}[\dX]$/);
    const pages = Math.ceil(expectedIds.length / PAGE_SIZE);
    expect(run.stderr.trim()).toBe(`${expectedIds.length} residents of ${grid} in ${pages} pages (totalCount ${expectedIds.length}); field errors: none`);
  });

  it('still prints every resident when a field is denied, and names the refused field with its code and path', async () => {
    // schema/policy.yaml: Resident.idNumber is denied to the fire service.
    const run = await client(['residents', '--grid', grid, '--page-size', String(PAGE_SIZE)], await tokenFor('fire'));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    const residents = printed(run);
    expect(residents.map((r) => r.id).sort()).toEqual([...expectedIds].sort());
    for (const resident of residents) expect({ idNumber: resident.idNumber, name: typeof resident.name }).toEqual({ idNumber: null, name: 'string' });
    expect(run.stderr).toMatch(new RegExp(`^${expectedIds.length} residents of ${grid} in ${Math.ceil(expectedIds.length / PAGE_SIZE)} pages .*; field errors: ${expectedIds.length}× FORBIDDEN at residents\\.edges\\.\\*\\.node\\.idNumber \\(`));
  });

  it('exits 1 with UNAUTHENTICATED on stderr, and prints no resident, when the token is not valid', async () => {
    const run = await client(['residents', '--grid', grid], 'not-a-token');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^UNAUTHENTICATED: /m);
  });

  it('exits 2 with the usage line when the command line is wrong', async () => {
    const run = await client(['residents'], await tokenFor('civil'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Usage: node dist\/main\.js residents --grid <code>/m);
  });

  it('lists the saved reports the caller may run, and runs one as JSON and to an Excel file, naming the refused column', async () => {
    const token = await tokenFor('fire');
    const listed = await client(['reports'], token);
    expect(listed.code).toBe(0);
    const line = listed.stdout.split('\n').find((candidate) => candidate.includes('\tElderly residents in buildings with open fire hazards, by community ('));
    expect(line).toBeDefined();
    const id = line!.split('\t')[0]!;
    // What the gateway itself answers this caller, fetched directly: the client must print the same rows.
    const direct = await (await fetch(new URL(`/reports/${id}/run.json`, platform.gatewayUrl), { headers: { authorization: `Bearer ${token}` } })).json();

    const run = await client(['report', id], token);
    expect(run.code).toBe(0);
    expect(printed(run) as unknown[]).toEqual(direct.rows);
    expect(run.stderr).toMatch(/refused: \d+ cells of livingAlone FORBIDDEN/);

    const dir = mkdtempSync(join(tmpdir(), 'civic-client-'));
    try {
      const out = join(dir, 'report.xlsx');
      const written = await client(['report', id, '--format', 'xlsx', '--out', out], token);
      expect(written.code).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
      expect((workbook.getWorksheet('Report')!.getRow(1).values as unknown[]).slice(1)).toEqual(direct.columns.map((column: { label: string }) => column.label));
      expect(workbook.getWorksheet('Report')!.rowCount).toBe(direct.rows.length + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
