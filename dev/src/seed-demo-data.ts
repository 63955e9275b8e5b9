import { hashPassword } from '@eventora/auth/password';
import { migrationsDir } from '@eventora/db/migrations';
import { DEMO_CLINICS, seed, type SeedOptions, type SeedResult } from '@eventora/db/dev';
import { dedicatedName } from '@eventora/tenancy';
import { loadMigrations, migrateTarget, migrationStatus } from '@eventora/tenancy/migrations';

/**
 * Seeds the demo clinics into the shared database at `ownerUrl` (owner role), which must be
 * migrated: first creates and migrates the own schema of every schema-mode demo clinic
 * (gamma's `clinic_gamma`), then runs `seed()` with the product's password hasher. The seed
 * writes the registry row itself, with the clinic's fixed id, rather than `provisionClinic`
 * (which draws a random one); the row it writes is one `provisionClinic` accepts as ready.
 */
export async function seedDemoData(
  ownerUrl: string,
  options: Pick<SeedOptions, 'today' | 'log'> = {},
): Promise<SeedResult> {
  const migrations = await loadMigrations(migrationsDir);
  const shared = await migrationStatus({ label: 'shared', connectionString: ownerUrl }, migrations);
  if (shared.pending.length > 0) {
    throw new Error(
      `The shared database has ${shared.pending.length} pending migration(s): run pnpm db:migrate first.`,
    );
  }
  for (const spec of DEMO_CLINICS) {
    if (spec.mode !== 'schema') continue;
    const schema = dedicatedName(spec.slug, 'schema');
    await migrateTarget(
      { label: `clinic ${spec.slug}`, connectionString: ownerUrl, schema },
      migrations,
      {
        log: options.log,
      },
    );
  }
  return seed(ownerUrl, { ...options, hashPassword });
}
