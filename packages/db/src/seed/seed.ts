import { PrismaPg } from '@prisma/adapter-pg';

import { PrismaClient } from '../generated/prisma/client';
import { clinicIdFor } from './build-rows';
import { DEMO_CLINICS, DEMO_OPERATOR, DEMO_PASSWORD } from './demo-clinics';
import { seedId } from './ids';
import { anchorWeek } from './local-time';
import { bindClinic, registerClinic, seedClinic } from './seed-clinic';
import type { HashPassword, SeedCounts } from './seed-clinic';
import type { ClinicSpec } from './spec';

export interface SeedOptions {
  /** Hashes the demo password of every account: `hashPassword` of @eventora/auth. */
  hashPassword: HashPassword;
  /** The seed week is the ISO week (UTC) containing this day; defaults to now. */
  today?: Date;
  /** Defaults to the demo clinics alpha and beta. Shared mode only. */
  clinics?: readonly ClinicSpec[];
  /** Defaults to DEMO_PASSWORD. */
  password?: string;
  log?: (line: string) => void;
}

export interface SeedResult {
  anchor: Date;
  clinics: { slug: string; id: string; created: boolean; counts?: SeedCounts }[];
  operator: { email: string; created: boolean };
}

/**
 * Fills a migrated shared database with the demo clinics and the demo platform operator,
 * connected as the owner role. Each clinic is written in one transaction, bound to it for RLS
 * first; a clinic whose slug is already registered is left alone, so a second run changes
 * nothing. Ids derive from names and dates from the anchor week, so two runs in the same
 * week on empty databases write the same rows, password hashes (salted) aside.
 */
export async function seed(ownerUrl: string, options: SeedOptions): Promise<SeedResult> {
  const anchor = anchorWeek(options.today ?? new Date());
  const password = options.password ?? DEMO_PASSWORD;
  const log = options.log ?? (() => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl }) });
  try {
    const clinics: SeedResult['clinics'] = [];
    for (const spec of options.clinics ?? DEMO_CLINICS) {
      if (spec.mode !== 'shared') {
        throw new Error(
          `seed(): ${spec.slug} is in ${spec.mode} mode; seed it on its own target with seedClinic`,
        );
      }
      const id = clinicIdFor(spec.slug);
      const counts = await prisma.$transaction(
        async (tx) => {
          await bindClinic(tx, id);
          // Two seeds at once (two `pnpm dev`, parallel tests) take turns; the second then
          // finds the clinic registered.
          await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended('eventora.seed', 0))`;
          const existing = await tx.clinic.findUnique({
            where: { slug: spec.slug },
            select: { id: true },
          });
          if (existing) return undefined;
          await registerClinic(tx, spec, anchor);
          return seedClinic(tx, spec, { anchor, password, hashPassword: options.hashPassword });
        },
        // Hashing a password costs tens of milliseconds; Prisma's 5 s default is too tight on a
        // busy laptop.
        { maxWait: 30_000, timeout: 120_000 },
      );
      clinics.push({ slug: spec.slug, id, created: counts !== undefined, counts });
      log(
        counts
          ? `seeded clinic ${spec.slug} (${summarise(counts)})`
          : `clinic ${spec.slug} already seeded`,
      );
    }

    const { count } = await prisma.platformOperator.createMany({
      data: [
        {
          id: seedId('platform-operator', DEMO_OPERATOR.email),
          email: DEMO_OPERATOR.email,
          name: DEMO_OPERATOR.name,
          passwordHash: await options.hashPassword(password),
          createdAt: new Date(anchor.getTime() - 180 * 86_400_000),
        },
      ],
      skipDuplicates: true,
    });
    log(
      count
        ? `seeded platform operator ${DEMO_OPERATOR.email}`
        : `platform operator already seeded`,
    );
    return { anchor, clinics, operator: { email: DEMO_OPERATOR.email, created: count === 1 } };
  } finally {
    await prisma.$disconnect();
  }
}

function summarise(counts: SeedCounts): string {
  return `${counts.users} users, ${counts.branches} branches, ${counts.therapists} therapists, ${counts.packages} packages, ${counts.userPackages} purchases, ${counts.reservations} reservations`;
}
