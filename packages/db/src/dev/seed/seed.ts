import { PrismaPg } from '@prisma/adapter-pg';

import { PrismaClient } from '../../generated/prisma/client';
import type { Prisma } from '../../generated/prisma/client';
import { buildClinicRow, clinicIdFor } from './build-rows';
import { DEMO_CLINICS, DEMO_OPERATOR, DEMO_PASSWORD } from './demo-clinics';
import { seedId } from './ids';
import { anchorWeek } from './local-time';
import { bindClinic, registerClinic, seedClinic } from './seed-clinic';
import type { HashPassword, SeedCounts } from './seed-clinic';
import type { ClinicSpec } from './spec';

export interface SeedOptions {
  /** Hashes the demo password of every account: `hashPassword` of @eventora/auth. */
  hashPassword: HashPassword;
  /**
   * The seed week is the ISO week (UTC) containing this day, and the lively schedule's
   * sessions before this day are past (attended), from it on booked; defaults to now.
   */
  today?: Date;
  /**
   * Defaults to the demo clinics: alpha and beta (shared) and gamma (schema). A schema-mode
   * clinic's schema must exist and be migrated already: this package does not run migrations.
   */
  clinics?: readonly ClinicSpec[];
  /** Defaults to DEMO_PASSWORD. */
  password?: string;
  log?: (line: string) => void;
}

export interface SeedResult {
  anchor: Date;
  /** `created`: this run registered the clinic; `counts`: the tenant rows it wrote. */
  clinics: { slug: string; id: string; created: boolean; counts?: SeedCounts }[];
  operator: { email: string; created: boolean };
}

interface SeedContext {
  anchor: Date;
  /** UTC midnight of the day the seed runs: the lively schedule's today. */
  today: Date;
  password: string;
  hashPassword: HashPassword;
}

// Hashing a password costs tens of milliseconds; Prisma's 5 s default is too tight on a busy
// laptop.
const TRANSACTION_LIMITS = { maxWait: 30_000, timeout: 120_000 };

/**
 * Fills a migrated shared database with the demo clinics and the demo platform operator,
 * connected as the owner role. A shared-mode clinic is written in one transaction, bound to it
 * for RLS first; a schema-mode clinic's rows go to its own schema and its registry row to the
 * shared one. A clinic whose slug is already registered is left alone, so a second run changes
 * nothing. Ids derive from names and dates from the anchor week, so two runs in the same week
 * on empty databases write the same rows, password hashes (salted) aside.
 */
export async function seed(ownerUrl: string, options: SeedOptions): Promise<SeedResult> {
  const now = options.today ?? new Date();
  const context: SeedContext = {
    anchor: anchorWeek(now),
    today: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())),
    password: options.password ?? DEMO_PASSWORD,
    hashPassword: options.hashPassword,
  };
  const log = options.log ?? (() => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl }) });
  try {
    const clinics: SeedResult['clinics'] = [];
    for (const spec of options.clinics ?? DEMO_CLINICS) {
      const id = clinicIdFor(spec.slug);
      const { created, counts } =
        spec.mode === 'shared'
          ? await seedSharedClinic(prisma, spec, context)
          : await seedSchemaClinic(prisma, ownerUrl, spec, context);
      clinics.push({ slug: spec.slug, id, created, counts });
      const where = spec.mode === 'shared' ? '' : ` in schema ${spec.schemaName}`;
      log(
        counts
          ? `seeded clinic ${spec.slug}${where} (${summarise(counts)})`
          : created
            ? `registered clinic ${spec.slug} (its rows were already${where})`
            : `clinic ${spec.slug} already seeded`,
      );
    }

    const { count } = await prisma.platformOperator.createMany({
      data: [
        {
          id: seedId('platform-operator', DEMO_OPERATOR.email),
          email: DEMO_OPERATOR.email,
          name: DEMO_OPERATOR.name,
          passwordHash: await context.hashPassword(context.password),
          createdAt: new Date(context.anchor.getTime() - 180 * 86_400_000),
        },
      ],
      skipDuplicates: true,
    });
    log(
      count
        ? `seeded platform operator ${DEMO_OPERATOR.email}`
        : `platform operator already seeded`,
    );
    return {
      anchor: context.anchor,
      clinics,
      operator: { email: DEMO_OPERATOR.email, created: count === 1 },
    };
  } finally {
    await prisma.$disconnect();
  }
}

/** Registry row and tenant rows together, in one transaction of the shared database. */
async function seedSharedClinic(
  prisma: PrismaClient,
  spec: ClinicSpec,
  { anchor, today, password, hashPassword }: SeedContext,
): Promise<{ created: boolean; counts?: SeedCounts }> {
  const counts = await prisma.$transaction(async (tx) => {
    await bindClinic(tx, clinicIdFor(spec.slug));
    await takeSeedLock(tx);
    if (await isRegistered(tx, spec.slug)) return undefined;
    await registerClinic(tx, spec, anchor);
    return seedClinic(tx, spec, { anchor, today, password, hashPassword });
  }, TRANSACTION_LIMITS);
  return { created: counts !== undefined, counts };
}

/**
 * Tenant rows in the clinic's own schema, then its registry row in the shared one: two
 * transactions, in this order so that the clinic becomes routable only once its data is all
 * there. A run stopped between the two finds the rows and only registers the clinic.
 */
async function seedSchemaClinic(
  registry: PrismaClient,
  ownerUrl: string,
  spec: ClinicSpec,
  { anchor, today, password, hashPassword }: SeedContext,
): Promise<{ created: boolean; counts?: SeedCounts }> {
  const clinicId = clinicIdFor(spec.slug);
  const schema = buildClinicRow(spec, anchor).schemaName!;
  if (await isRegistered(registry, spec.slug)) return { created: false };

  const [{ migrated }] = await registry.$queryRaw<[{ migrated: boolean }]>`
    select to_regclass(format('%I.%I', ${schema}::text, 'users')) is not null as migrated`;
  if (!migrated) {
    throw new Error(
      `seed(): clinic ${spec.slug} lives in schema ${schema}, which is missing or not migrated; ` +
        'migrate it first (migrateTarget of @eventora/tenancy/migrations).',
    );
  }
  // The adapter names the schema in every statement it writes (no search_path involved).
  const target = new PrismaClient({
    adapter: new PrismaPg({ connectionString: ownerUrl }, { schema }),
  });
  let counts: SeedCounts | undefined;
  try {
    counts = await target.$transaction(async (tx) => {
      await bindClinic(tx, clinicId);
      await takeSeedLock(tx);
      const seeded = await tx.user.findFirst({ where: { clinicId }, select: { id: true } });
      if (seeded) return undefined;
      return seedClinic(tx, spec, { anchor, today, password, hashPassword });
    }, TRANSACTION_LIMITS);
  } finally {
    await target.$disconnect();
  }

  const created = await registry.$transaction(async (tx) => {
    await takeSeedLock(tx);
    if (await isRegistered(tx, spec.slug)) return false;
    await registerClinic(tx, spec, anchor);
    return true;
  }, TRANSACTION_LIMITS);
  return { created, counts };
}

/**
 * Two seeds at once (two `pnpm dev`, parallel tests) take turns; the second then finds the
 * clinic seeded. Transaction-scoped: released at commit or rollback.
 */
async function takeSeedLock(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended('eventora.seed', 0))`;
}

async function isRegistered(
  client: Prisma.TransactionClient | PrismaClient,
  slug: string,
): Promise<boolean> {
  const existing = await client.clinic.findUnique({ where: { slug }, select: { id: true } });
  return existing !== null;
}

function summarise(counts: SeedCounts): string {
  return `${counts.users} users, ${counts.branches} branches, ${counts.therapists} therapists, ${counts.services} services, ${counts.packages} packages, ${counts.userPackages} purchases, ${counts.reservations} reservations, ${counts.payments} desk payments`;
}
