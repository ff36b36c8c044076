import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, encodeCursor, pageSize } from '@civic/subgraph-kit';
import { errorOf } from './support/errors';

describe('pagination cursors', () => {
  it('give back the id they were made from', () => {
    for (const id of [0, 1, 42, 2 ** 40]) expect(decodeCursor(encodeCursor(id))).toBe(id);
  });

  it('are opaque URL-safe text, different for different ids', () => {
    expect(encodeCursor(7)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeCursor(7)).not.toContain('7');
    expect(encodeCursor(7)).not.toBe(encodeCursor(8));
  });

  it('refuse text this API did not issue as bad input on the argument it came in', () => {
    const plainId = Buffer.from('42').toString('base64url');
    const negative = Buffer.from('cursor:-1').toString('base64url');
    const fraction = Buffer.from('cursor:1.5').toString('base64url');
    const word = Buffer.from('cursor:abc').toString('base64url');
    for (const cursor of ['', '42', 'not a cursor', plainId, negative, fraction, word]) {
      expect({ cursor, error: errorOf(() => decodeCursor(cursor, 'after')) }).toMatchObject({
        cursor,
        error: { extensions: { code: 'BAD_USER_INPUT', field: 'after' } },
      });
    }
  });
});

describe('page sizes', () => {
  it('default when the client does not ask', () => {
    expect(pageSize(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSize(null)).toBe(DEFAULT_PAGE_SIZE);
  });

  it('give what is asked for up to the maximum, and zero for a count-only query', () => {
    expect(pageSize(0)).toBe(0);
    expect(pageSize(5)).toBe(5);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
    expect(pageSize(MAX_PAGE_SIZE + 1)).toBe(MAX_PAGE_SIZE);
    expect(pageSize(1_000_000)).toBe(MAX_PAGE_SIZE);
  });

  it('refuse a negative size as bad input on first', () => {
    expect(errorOf(() => pageSize(-1))).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
  });
});
