import type { Prisma } from '../../../generated/prisma/client';
import { addDays } from '../local-time';
import type { ClinicSpec } from '../spec';
import { clinicIdFor, SeedSpecError } from './context';

/** The clinic's registry row. */
export type ClinicRow = Prisma.ClinicCreateInput & { id: string };

/**
 * The clinic's registry row: fixed id, `mode` and `schemaName` from the spec, and in service
 * (`onboarding.state = ready`, as `provisionClinic` leaves a clinic it has finished, so that
 * provisioning a seeded clinic again finds it ready and changes nothing).
 */
export function buildClinicRow(spec: ClinicSpec, anchor: Date): ClinicRow {
  const expectedSchema = `clinic_${spec.slug.replaceAll('-', '_')}`;
  if (spec.mode === 'schema' && spec.schemaName !== expectedSchema) {
    throw new SeedSpecError(spec.slug, `schema mode needs schemaName ${expectedSchema}`);
  }
  const setUpAt = addDays(anchor, -180);
  return {
    id: clinicIdFor(spec.slug),
    slug: spec.slug,
    name: spec.name,
    billingStatus: 'active',
    mode: spec.mode,
    schemaName: spec.mode === 'schema' ? expectedSchema : null,
    status: 'active',
    timezone: spec.timezone,
    currency: spec.currency,
    brandColor: spec.brandColor,
    onboarding: { state: 'ready', provisionedAt: setUpAt.toISOString() },
    createdAt: setUpAt,
    updatedAt: setUpAt,
  };
}
