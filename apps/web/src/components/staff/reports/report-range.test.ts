import { describe, expect, it } from 'vitest';

import { lastDays, reportRange } from './report-range';

describe('the reports’ range', () => {
  it('counts the last days back from today, today included', () => {
    expect(lastDays(7, '2026-12-03')).toEqual({ from: '2026-11-27', to: '2026-12-03' });
    expect(lastDays(365, '2026-12-03')).toEqual({ from: '2025-12-04', to: '2026-12-03' });
  });

  it('groups a month or less by day and anything longer by week', () => {
    expect(reportRange('2026-11-03', '2026-12-03').range?.groupBy).toBe('day');
    expect(reportRange('2026-11-02', '2026-12-03').range?.groupBy).toBe('week');
  });

  it('refuses an end before the start, more than the API allows, or a missing date', () => {
    expect(reportRange('2026-12-03', '2026-12-02').problem).toBe('order');
    expect(reportRange('2025-12-01', '2026-12-03').problem).toBe('long');
    expect(reportRange('2025-12-02', '2026-12-03').range).toBeDefined();
    expect(reportRange('', '2026-12-03').problem).toBe('missing');
  });
});
