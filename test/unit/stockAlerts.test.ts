import { stockNeedsAlert } from '@civic/live/feeds';

/** When a stock change or an expiry report becomes an alert for a subscriber (live/src/feeds.ts). */
describe('stock alerts', () => {
  const today = new Date('2026-12-02T10:00:00Z');

  it('alerts under the threshold, 10 by default', () => {
    expect(stockNeedsAlert({}, 9, null, today)).toBe(true);
    expect(stockNeedsAlert({}, 10, null, today)).toBe(false);
    expect(stockNeedsAlert({ below: 50 }, 49, null, today)).toBe(true);
  });

  it('alerts for stock whose last usable day is within the window, 7 days by default, or past', () => {
    expect(stockNeedsAlert({}, 100, '2026-12-09', today)).toBe(true);
    expect(stockNeedsAlert({}, 100, '2026-12-10', today)).toBe(false);
    expect(stockNeedsAlert({}, 100, '2026-01-01', today)).toBe(true);
    expect(stockNeedsAlert({ expiringWithinDays: 30 }, 100, '2026-12-31', today)).toBe(true);
  });

  it('does not alert for stock that keeps and is plentiful', () => {
    expect(stockNeedsAlert({}, 100, null, today)).toBe(false);
  });
});
