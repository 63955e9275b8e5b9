import type { Role } from '../../generated/prisma/client';
import { DEMO_CLINICS, DEMO_OPERATOR } from './demo-clinics';
import type { ClinicSpec } from './spec';

export interface DemoAccount {
  /** The clinic's slug, or null for the platform operator. */
  clinic: string | null;
  email: string;
  role: Role | 'PLATFORM';
}

/** The accounts to sign in with after seeding: every clinic user, then the operator. */
export function demoAccounts(clinics: readonly ClinicSpec[] = DEMO_CLINICS): DemoAccount[] {
  return [
    ...clinics.flatMap((clinic) =>
      clinic.users.map((user) => ({ clinic: clinic.slug, email: user.email, role: user.role })),
    ),
    { clinic: null, email: DEMO_OPERATOR.email, role: 'PLATFORM' as const },
  ];
}
