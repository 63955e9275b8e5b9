import { describe, expect, it } from 'vitest';

import { reminderDueAt } from './reminder-time';

describe('reminderDueAt', () => {
  it('24 h before is the same time the day before on the branch clock, across DST', () => {
    // Madrid springs forward on 2026-03-29: a Monday 10:00 session is reminded Sunday 10:00 CEST, 23 real hours ahead.
    const monday = new Date('2026-03-30T08:00:00Z');
    expect(reminderDueAt(monday, 'Europe/Madrid', 24)).toEqual(new Date('2026-03-29T08:00:00Z'));
    // A Sunday 10:00 session after the change is reminded Saturday 10:00 CET, 25 real hours ahead.
    const sunday = new Date('2026-03-29T08:00:00Z');
    expect(reminderDueAt(sunday, 'Europe/Madrid', 24)).toEqual(new Date('2026-03-28T09:00:00Z'));
    // Falling back on 2026-10-25: Monday 10:00 CET is reminded Sunday 10:00 CET.
    expect(reminderDueAt(new Date('2026-10-26T09:00:00Z'), 'Europe/Madrid', 24)).toEqual(
      new Date('2026-10-25T09:00:00Z'),
    );
    // New York springs forward on 2026-03-08.
    expect(reminderDueAt(new Date('2026-03-09T13:00:00Z'), 'America/New_York', 48)).toEqual(
      new Date('2026-03-07T14:00:00Z'),
    );
  });

  it('hours beyond whole days are real hours; without DST nothing shifts', () => {
    expect(reminderDueAt(new Date('2026-06-02T08:00:00Z'), 'Europe/Madrid', 2)).toEqual(
      new Date('2026-06-02T06:00:00Z'),
    );
    expect(reminderDueAt(new Date('2026-03-30T08:00:00Z'), 'Europe/Madrid', 26)).toEqual(
      new Date('2026-03-29T06:00:00Z'),
    );
    expect(reminderDueAt(new Date('2026-04-06T15:00:00Z'), 'America/Mexico_City', 24)).toEqual(
      new Date('2026-04-05T15:00:00Z'),
    );
  });
});
