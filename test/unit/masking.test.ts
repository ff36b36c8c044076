import { applyMask, UnmaskableValue } from '@civic/governance';

describe('masking styles', () => {
  it('shows the first 6 and last 4 characters of an ID number, one * for each hidden character', () => {
    expect(applyMask('idNumber', '11010519491231002X')).toBe('110105********002X');
  });

  it('shows the first 3 and last 4 digits of a phone number', () => {
    expect(applyMask('phone', '13812345678')).toBe('138****5678');
  });

  it('keeps the family name and hides each given name, letter for letter', () => {
    expect(applyMask('name', 'Wang Xiaoming')).toBe('Wang ********');
    expect(applyMask('name', 'Li Mei Hua')).toBe('Li *** ***');
  });

  it('keeps only the year of a date', () => {
    expect(applyMask('birthYear', '1980-02-29')).toBe('1980-**-**');
  });

  it('redacts a short text with as many * as it has characters', () => {
    expect(applyMask('redacted', 'secret')).toBe('******');
  });

  it('hides a value too short to show both ends of completely, never revealing it', () => {
    expect(applyMask('phone', '1234567')).toBe('*******');
    expect(applyMask('idNumber', '1234')).toBe('****');
  });

  it('leaves a missing value missing', () => {
    expect(applyMask('phone', null)).toBeNull();
    expect(applyMask('phone', undefined)).toBeUndefined();
  });

  it('masks each text of a list', () => {
    expect(applyMask('phone', ['13812345678', '13987654321'])).toEqual(['138****5678', '139****4321']);
  });

  it('refuses a style it does not know, or a value that is not text, instead of passing the value through', () => {
    expect(() => applyMask('scramble', '13812345678')).toThrow(UnmaskableValue);
    expect(() => applyMask('phone', 13812345678)).toThrow(UnmaskableValue);
    expect(() => applyMask('redacted', { secret: 'x' })).toThrow(UnmaskableValue);
  });
});
