import { describe, expect, it } from 'vitest';

import { buildClinicRow, buildClinicRows, SeedSpecError } from './build-rows';
import { ALPHA, BETA, DEMO_CLINICS, GAMMA } from './demo-clinics';
import { anchorWeek } from './local-time';
import type { ClinicSpec } from './spec';

const anchor = anchorWeek(new Date('2026-11-27T12:00:00Z'));
const hashesFor = (spec: ClinicSpec) =>
  new Map(spec.users.map((user) => [user.email, `hash-of-${user.email}`]));
const build = (spec: ClinicSpec) => buildClinicRows(spec, anchor, hashesFor(spec));

describe('buildClinicRows', () => {
  it('is deterministic', () => {
    for (const spec of DEMO_CLINICS) expect(build(spec)).toEqual(build(spec));
  });

  it('gives the shared email a different user at every clinic', () => {
    const ids = DEMO_CLINICS.map(
      (spec) => build(spec).users.find((user) => user.email === 'jordan@patients.test')?.id,
    );
    expect(ids).toHaveLength(3);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every demo clinic one sign-in account per role at its own domain', () => {
    for (const spec of [ALPHA, BETA, GAMMA]) {
      const emails = build(spec).users.map((user) => `${user.role} ${user.email}`);
      for (const role of ['OWNER', 'STAFF', 'THERAPIST', 'CLIENT'])
        expect(emails).toContain(`${role} ${role.toLowerCase()}@${spec.slug}.test`);
    }
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

describe('buildClinicRow', () => {
  it('registers gamma in its own schema, ready as provisioning leaves a clinic', () => {
    expect(buildClinicRow(GAMMA, anchor)).toMatchObject({
      slug: 'gamma',
      mode: 'schema',
      schemaName: 'clinic_gamma',
      status: 'active',
      onboarding: { state: 'ready' },
    });
    expect(buildClinicRow(ALPHA, anchor)).toMatchObject({ mode: 'shared', schemaName: null });
  });

  it('refuses a schema-mode spec whose schema is not clinic_<slug>', () => {
    expect(() => buildClinicRow({ ...GAMMA, schemaName: 'clinic_alpha' }, anchor)).toThrow(
      /schemaName clinic_gamma/,
    );
  });
});
