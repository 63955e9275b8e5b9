import { describe, expect, it } from 'vitest';

import { buildClinicRows, SeedSpecError } from './build-rows';
import { ALPHA, BETA } from './demo-clinics';
import { anchorWeek } from './local-time';
import type { ClinicSpec } from './spec';

const anchor = anchorWeek(new Date('2026-11-27T12:00:00Z'));
const hashesFor = (spec: ClinicSpec) =>
  new Map(spec.users.map((user) => [user.email, `hash-of-${user.email}`]));
const build = (spec: ClinicSpec) => buildClinicRows(spec, anchor, hashesFor(spec));

describe('buildClinicRows', () => {
  it('is deterministic', () => {
    expect(build(ALPHA)).toEqual(build(ALPHA));
    expect(build(BETA)).toEqual(build(BETA));
  });

  it('gives the shared email two different users', () => {
    const alpha = build(ALPHA).users.find((user) => user.email === 'jordan@patients.test');
    const beta = build(BETA).users.find((user) => user.email === 'jordan@patients.test');
    expect(alpha?.id).toBeDefined();
    expect(alpha?.id).not.toBe(beta?.id);
  });

  it('puts past reservations before the anchor week and upcoming ones after it', () => {
    for (const row of build(ALPHA).reservations) {
      const startsAt = new Date(row.startsAt);
      if (row.status === 'booked')
        expect(startsAt.getTime()).toBeGreaterThan(anchor.getTime() + 7 * 86_400_000);
      if (row.status === 'completed' || row.status === 'no_show')
        expect(startsAt < anchor).toBe(true);
    }
  });

  const withReservation = (change: Partial<ClinicSpec['reservations'][number]>): ClinicSpec => ({
    ...ALPHA,
    reservations: [...ALPHA.reservations, { ...ALPHA.reservations[0]!, week: 3, ...change }],
  });

  it('refuses a reservation outside the therapist’s shifts', () => {
    // Ana works at Centro on Mondays until 14:00.
    expect(() => build(withReservation({ at: '13:30' }))).toThrow(SeedSpecError);
    expect(() => build(withReservation({ branch: 'polanco' }))).toThrow(
      /outside the therapist's shifts/,
    );
  });

  it('refuses a double booking, unless the other reservation is cancelled', () => {
    const twice = withReservation({ week: 1, client: 'maria', purchase: 'maria-five' });
    expect(() => build(twice)).toThrow(/therapist double-booked/);
    expect(() =>
      build({
        ...twice,
        reservations: [
          ...twice.reservations.slice(0, -1),
          { ...twice.reservations.at(-1)!, status: 'cancelled' },
        ],
      }),
    ).not.toThrow();
  });

  it('refuses to overdraw a package', () => {
    // Diego's single session is already used in week -1.
    expect(() =>
      build(withReservation({ week: 2, client: 'diego', purchase: 'diego-single' })),
    ).toThrow(/diego-single overdrawn/);
  });

  it('refuses a reservation outside its package’s validity', () => {
    expect(() => build(withReservation({ week: 30 }))).toThrow(/validity/);
  });
});
