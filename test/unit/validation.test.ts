import { InvalidScalarValue, lenientScalar, MAX_ID, rejectControlCharacters, requireId, requireText } from '@civic/subgraph-kit';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { errorOf } from './support/errors';

describe('input validation helpers', () => {
  it.each(['1', '42', String(MAX_ID)])('takes id %s', (id) => {
    expect(requireId(id, 'id')).toBe(Number(id));
  });

  it.each(['0', '-1', '2147483648', '99999999999', '1e3', '01', ' 1', '1.0', ''])('refuses id "%s" as BAD_USER_INPUT naming the field', (id) => {
    expect(errorOf(() => requireId(id, 'input.buildingId'))).toMatchObject({
      message: expect.stringMatching(/^input\.buildingId: is not a valid id/),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.buildingId' },
    });
  });

  it('refuses NUL and other control characters, naming the code point and position', () => {
    expect(errorOf(() => rejectControlCharacters('ab\u0000c', 'filter.nameContains')).message).toBe(
      'filter.nameContains: must not contain control characters (found U+0000 at position 2)',
    );
    expect(errorOf(() => rejectControlCharacters('\u001b[31m', 'note')).message).toMatch(/U\+001B/);
    expect(errorOf(() => rejectControlCharacters('x\u007f', 'note')).message).toMatch(/U\+007F/);
  });

  it('lets free text keep tabs and line breaks', () => {
    expect(rejectControlCharacters('line one\r\n\tline two', 'note')).toBe('line one\r\n\tline two');
  });

  it('caps text after trimming and never echoes a long value', () => {
    expect(requireText('  Smoke  ', 'input.title', 5)).toBe('Smoke');
    const error = errorOf(() => requireText('a'.repeat(1000), 'input.title', 200));
    expect(error.message).toBe('input.title: must be at most 200 characters, got 1000');
  });

  it('hands a bad custom scalar value over as InvalidScalarValue instead of throwing', () => {
    const lenient = lenientScalar(GraphQLDateTimeISO);
    expect(lenient.name).toBe(GraphQLDateTimeISO.name);
    expect(lenient.parseValue('2026-01-02T03:04:05Z')).toEqual(new Date('2026-01-02T03:04:05Z'));
    const bad = lenient.parseValue('yesterday');
    expect(bad).toBeInstanceOf(InvalidScalarValue);
    expect((bad as InvalidScalarValue).scalar).toBe('DateTimeISO');
  });
});
