import { toCsv } from '@civic/access/audit/csv';
import type { AuditRecord } from '@civic/access/audit/AuditRecord';

const HEADER = 'at,subject,department,roles,purpose,typeName,fieldName,recordId,recordGridCode,decision,grantId,subgraph';

function record(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: 1,
    at: new Date('2026-11-01T08:30:00.000Z'),
    subject: 'officer-7',
    department: 'police',
    roles: 'officer',
    purpose: null,
    typeName: 'Resident',
    fieldName: 'idNumber',
    recordId: '42',
    recordGridCode: '330101001001001',
    decision: 'allow',
    grantId: null,
    subgraph: 'population',
    ...overrides,
  };
}

/** RFC 4180 lines end in CRLF, and the file ends with one. */
const lines = (csv: string) => {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(0, -2).split('\r\n');
};

describe('the audit CSV export', () => {
  it('is a header line alone when there is nothing to export', () => {
    expect(toCsv([])).toBe(`${HEADER}\r\n`);
  });

  it('writes one line per record in header order: dates in ISO 8601 UTC, missing values empty', () => {
    expect(lines(toCsv([record(), record({ grantId: 9, purpose: 'flood', decision: 'mask' })]))).toEqual([
      HEADER,
      '2026-11-01T08:30:00.000Z,officer-7,police,officer,,Resident,idNumber,42,330101001001001,allow,,population',
      '2026-11-01T08:30:00.000Z,officer-7,police,officer,flood,Resident,idNumber,42,330101001001001,mask,9,population',
    ]);
  });

  it('quotes a cell holding a comma, a quote or a line break, doubling the quotes inside', () => {
    const [, row] = lines(toCsv([record({ purpose: 'flood, east bank' })]));
    expect(row).toContain(',"flood, east bank",');
    const [, quoted] = lines(toCsv([record({ purpose: 'the "Riverside" case' })]));
    expect(quoted).toContain(',"the ""Riverside"" case",');
    const csv = toCsv([record({ purpose: 'line one\nline two' })]);
    expect(csv).toContain(',"line one\nline two",');
    expect(toCsv([record({ purpose: 'a\r\nb' })])).toContain(',"a\r\nb",');
  });

  it('leaves plain cells unquoted', () => {
    const [, row] = lines(toCsv([record({ purpose: 'routine patrol' })]));
    expect(row).toContain(',routine patrol,');
    expect(row).not.toContain('"');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    for (const purpose of ['=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)']) {
      const [, row] = lines(toCsv([record({ purpose })]));
      const cell = row!.split(',')[4]!;
      expect({ purpose, startsAsText: /^"?'/.test(cell) }).toEqual({ purpose, startsAsText: true });
    }
  });
});
