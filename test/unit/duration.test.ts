import { parseDuration } from '@civic/access/sharing/duration';
import { errorOf } from './support/errors';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('sharing durations (ISO 8601, in seconds)', () => {
  it('reads hours, minutes, seconds and days', () => {
    expect(parseDuration('PT2H', 'duration')).toBe(2 * HOUR);
    expect(parseDuration('PT30M', 'duration')).toBe(30 * 60);
    expect(parseDuration('PT45S', 'duration')).toBe(45);
    expect(parseDuration('P7D', 'duration')).toBe(7 * DAY);
    expect(parseDuration('P1DT1H1M1S', 'duration')).toBe(DAY + HOUR + 60 + 1);
  });

  it('accepts the bounds: one second and thirty days', () => {
    expect(parseDuration('PT1S', 'duration')).toBe(1);
    expect(parseDuration('P30D', 'duration')).toBe(30 * DAY);
  });

  it('refuses zero and anything longer than thirty days as bad input on the named field', () => {
    for (const value of ['PT0S', 'P0D', 'P31D', 'P30DT1S', 'PT721H']) {
      expect({ value, error: errorOf(() => parseDuration(value, 'input.duration')) }).toMatchObject({
        value,
        error: { extensions: { code: 'BAD_USER_INPUT', field: 'input.duration' } },
      });
    }
  });

  it('refuses text that is not an ISO 8601 duration, quoting it back', () => {
    for (const value of ['', 'P', 'PT', '2h', '2 hours', 'PT2', 'P1W', '-PT2H', 'P1DT']) {
      const error = errorOf(() => parseDuration(value, 'input.duration'));
      expect({ value, code: error.extensions?.code }).toEqual({ value, code: 'BAD_USER_INPUT' });
      expect(error.message).toContain('input.duration');
    }
    expect(errorOf(() => parseDuration('2 hours', 'input.duration')).message).toContain('"2 hours"');
  });
});
