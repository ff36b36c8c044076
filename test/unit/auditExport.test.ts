import { auditFilterFromQuery } from '@civic/access/audit/auditFilter';
import { SNAPSHOT_MAX_AGE_MS, SnapshotCache } from '@civic/access/policies/snapshotCache';
import type { PolicySnapshot } from '@civic/governance';

const refusal = (query: string) => {
  try {
    auditFilterFromQuery(new URLSearchParams(query));
  } catch (error) {
    const { code, field } = (error as { extensions: { code: string; field: string } }).extensions;
    return { code, field, message: (error as Error).message };
  }
  throw new Error(`${query} was accepted`);
};

describe("the audit export's query string", () => {
  it('takes the filter auditRecords takes; empty parameters are no condition', () => {
    expect(auditFilterFromQuery(new URLSearchParams('department=fire&fieldName=phone&from=2026-11-01T00:00:00Z&to=2026-11-02T08:00:00.5%2B08:00&residentId=42&subject='))).toEqual({
      department: 'fire',
      fieldName: 'phone',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T00:00:00.500Z'),
      residentId: '42',
    });
  });

  it('takes the purpose and the decision (allow, mask or deny)', () => {
    expect(auditFilterFromQuery(new URLSearchParams('purpose=welfare-check&decision=deny'))).toEqual({ purpose: 'welfare-check', decision: 'deny' });
  });

  it('refuses, naming the parameter, what would otherwise widen or break the export', () => {
    expect(refusal('departmnet=fire')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmnet' });
    expect(refusal('department=fire&department=police')).toMatchObject({ field: 'department', message: 'department: is given more than once' });
    expect(refusal('from=yesterday')).toMatchObject({ field: 'from' });
    expect(refusal('to=2026-13-01T00:00:00Z')).toMatchObject({ field: 'to' });
    expect(refusal('residentId=0x10')).toMatchObject({ field: 'residentId' });
    expect(refusal(`subject=${'x'.repeat(201)}`)).toMatchObject({ field: 'subject' });
    expect(refusal('fieldName=phone%00')).toMatchObject({ field: 'fieldName' });
    expect(refusal('decision=refused')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decision', message: expect.stringContaining('allow, mask, deny') });
  });
});

describe('the cached policy snapshot', () => {
  const snapshotWith = (validUntil: string[]): PolicySnapshot =>
    ({ version: 3, document: { version: 3, rules: [] }, grants: validUntil.map((until, id) => ({ id, validUntil: until })) }) as unknown as PolicySnapshot;

  it('is computed once for polls that arrive together, and then served from memory', async () => {
    let computed = 0;
    const cache = new SnapshotCache(async () => {
      computed += 1;
      return snapshotWith([]);
    }, () => 0);
    const [a, b] = await Promise.all([cache.current(), cache.current()]);
    await cache.current();
    expect(computed).toBe(1);
    expect(a).toBe(b);
    expect(a.etag).toMatch(/^"[\w-]{27}"$/);
  });

  it('is recomputed once its first grant expires, or at the latest after its maximum age', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    let computed = 0;
    const grantEnds = now + 3000;
    const cache = new SnapshotCache(async () => {
      computed += 1;
      return snapshotWith(computed === 1 ? [new Date(grantEnds).toISOString(), new Date(grantEnds + 60_000).toISOString()] : []);
    }, () => now);
    await cache.current();
    now = grantEnds - 1;
    await cache.current();
    expect(computed).toBe(1);
    now = grantEnds;
    await cache.current();
    expect(computed).toBe(2);
    now += SNAPSHOT_MAX_AGE_MS - 1;
    await cache.current();
    expect(computed).toBe(2);
    now += 1;
    await cache.current();
    expect(computed).toBe(3);
  });

  it('does not keep a failed computation', async () => {
    let fail = true;
    const cache = new SnapshotCache(async () => {
      if (fail) throw new Error('database down');
      return snapshotWith([]);
    });
    await expect(cache.current()).rejects.toThrow('database down');
    fail = false;
    await expect(cache.current()).resolves.toMatchObject({ body: { version: 3 } });
  });
});
