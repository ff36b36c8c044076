import { buildIdNumber, idNumberCheckCharacter, isValidIdNumber } from '@civic/subgraph-kit';

describe('national ID numbers', () => {
  it('computes the ISO 7064 MOD 11-2 check character of a published example', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
  });

  it('rejects a number whose check character is wrong', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });

  it('encodes area, birth date and gender parity', () => {
    const id = buildIdNumber('330102', new Date('1980-02-29T00:00:00Z'), 7, true);
    expect(id).toHaveLength(18);
    expect(id.slice(0, 14)).toBe('33010219800229');
    expect(Number(id[16]) % 2).toBe(1);
    expect(isValidIdNumber(id)).toBe(true);
  });
});
