import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { generateSecretToken, hashSecretToken } from '@eventora/auth';
import { hashPassword } from '@eventora/auth/password';
import {
  ALPHA,
  clinicIdFor,
  DEV_ROLE_PASSWORDS,
  devRoleUrl,
  seed,
  startEmbeddedPostgres,
  type ClinicSpec,
} from '@eventora/db/dev';
import { migrationsDir } from '@eventora/db/migrations';
import { bootstrapRoles, createOwnedDatabase } from '@eventora/db/roles';
import { dedicatedName, sameServerRef } from '@eventora/tenancy';
import { loadMigrations, migrateTarget, type Migration } from '@eventora/tenancy/migrations';

import { withClient } from '@eventora/tenancy/with-client';

export type ClinicMode = 'shared' | 'schema' | 'database';

/** One load-test clinic: where its data lives and two signed-in users' bearer tokens. */
export interface LoadClinic {
  slug: string;
  id: string;
  mode: ClinicMode;
  /** The owner-role URL of the database holding its rows (shared or its own). */
  ownerUrl: string;
  /** The schema holding its rows. */
  schema: string;
  clientToken: string;
  clientId: string;
  staffToken: string;
  therapistIds: string[];
  branchIds: string[];
  packageId: string;
}

export interface WorldOptions {
  clinics: number;
  /** Clinics in their own schema / own database; the rest are shared. */
  schemaClinics: number;
  databaseClinics: number;
  log: (line: string) => void;
}

/** An embedded Postgres owned by the bench (restartable: data kept until `dispose`). */
export interface BenchPostgres {
  adminUrl: string;
  port: number;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export interface World {
  postgres: BenchPostgres;
  database: string;
  urls: { admin: string; owner: string; app: string; platform: string; portalStats: string };
  clinics: LoadClinic[];
  anchor: Date;
}

/**
 * Starts a throwaway embedded Postgres 17 for the bench alone (the load test restarts it, which
 * must never happen to the machine's shared server), with a fixed port across restarts.
 */
export async function startBenchPostgres(log: (line: string) => void): Promise<BenchPostgres> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'eventora-load-pg-'));
  let server = await startEmbeddedPostgres({ dataDir, persistent: true });
  const port = server.port;
  log(`embedded Postgres on 127.0.0.1:${port} (${dataDir})`);
  return {
    adminUrl: server.adminUrl,
    port,
    async restart() {
      await server.stop();
      server = await startEmbeddedPostgres({ dataDir, persistent: true, port });
    },
    async dispose() {
      await server.stop().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates the world the portal serves: a migrated database with `clinics` clinics (the demo
 * clinic Alpha's rows, cloned under new slugs) spread over the three modes, and for each a
 * client's and a staff member's session (tokens made here, as sign-in would, to keep 400
 * password hashes out of the measurement).
 */
export async function createWorld(postgres: BenchPostgres, options: WorldOptions): Promise<World> {
  const { log } = options;
  const database = 'eventora_load';
  await withClient(postgres.adminUrl, async (admin) => {
    await bootstrapRoles(admin, DEV_ROLE_PASSWORDS);
    await createOwnedDatabase(admin, database);
  });
  const urls = {
    admin: withDatabase(postgres.adminUrl, database),
    owner: devRoleUrl(postgres.adminUrl, 'owner', database),
    app: devRoleUrl(postgres.adminUrl, 'app', database),
    platform: devRoleUrl(postgres.adminUrl, 'platform', database),
    portalStats: devRoleUrl(postgres.adminUrl, 'portalStats', database),
  };
  const migrations = await loadMigrations(migrationsDir);
  await migrateTarget({ label: 'shared', connectionString: urls.owner }, migrations);

  // One hash for every account: the password is the same and hashing costs ~50 ms each.
  const hash = await hashPassword('eventora-load-2026');
  const specs = Array.from({ length: options.clinics }, (_, i) => {
    const slug = `load${String(i + 1).padStart(3, '0')}`;
    const mode: ClinicMode =
      i < options.databaseClinics
        ? 'database'
        : i < options.databaseClinics + options.schemaClinics
          ? 'schema'
          : 'shared';
    return { slug, mode };
  });
  const anchor = new Date();
  const clinics: LoadClinic[] = [];
  const started = Date.now();
  for (const { slug, mode } of specs) {
    const spec: ClinicSpec = {
      ...ALPHA,
      slug,
      name: `Load clinic ${slug}`,
      mode: mode === 'schema' ? 'schema' : 'shared',
      schemaName: mode === 'schema' ? dedicatedName(slug, 'schema') : undefined,
    };
    const ownerUrl =
      mode === 'database'
        ? await createClinicDatabase(postgres.adminUrl, slug, migrations)
        : urls.owner;
    if (mode === 'schema') {
      await migrateTarget(
        { label: slug, connectionString: urls.owner, schema: spec.schemaName },
        migrations,
      );
    }
    await seed(ownerUrl, {
      clinics: [spec],
      hashPassword: async () => hash,
      today: anchor,
    });
    if (mode === 'database') await registerDatabaseClinic(urls.owner, ownerUrl, slug);
    clinics.push(await openSessions(ownerUrl, spec, mode));
    if (clinics.length % 25 === 0)
      log(
        `${clinics.length}/${specs.length} clinics (${Math.round((Date.now() - started) / 1000)} s)`,
      );
  }
  return { postgres, database, urls, clinics, anchor };
}

async function createClinicDatabase(
  adminUrl: string,
  slug: string,
  migrations: Migration[],
): Promise<string> {
  const name = dedicatedName(slug, 'database');
  await withClient(adminUrl, (admin) => createOwnedDatabase(admin, name));
  const ownerUrl = devRoleUrl(adminUrl, 'owner', name);
  await migrateTarget({ label: slug, connectionString: ownerUrl }, migrations);
  return ownerUrl;
}

/** The registry row the seed wrote in the clinic's own database, copied to the shared one. */
async function registerDatabaseClinic(
  sharedOwnerUrl: string,
  clinicOwnerUrl: string,
  slug: string,
): Promise<void> {
  const row = await withClient(clinicOwnerUrl, async (owner) => {
    const { rows } = await owner.query<{ row: unknown }>(
      'SELECT to_jsonb(c) AS row FROM clinics c WHERE slug = $1',
      [slug],
    );
    return rows[0]!.row;
  });
  await withClient(sharedOwnerUrl, async (owner) => {
    await owner.query(
      'INSERT INTO clinics SELECT * FROM jsonb_populate_record(null::clinics, $1::jsonb)',
      [row],
    );
    await owner.query(
      `UPDATE clinics SET mode = 'database', database_url_ref = $1, routing_version = routing_version + 1
        WHERE slug = $2`,
      [sameServerRef(dedicatedName(slug, 'database')), slug],
    );
  });
}

/** A client's and a staff member's session, written as sign-in writes them (hashed token). */
async function openSessions(
  ownerUrl: string,
  spec: ClinicSpec,
  mode: ClinicMode,
): Promise<LoadClinic> {
  const id = clinicIdFor(spec.slug);
  const schema = spec.schemaName ?? 'public';
  const clientToken = generateSecretToken();
  const staffToken = generateSecretToken();
  const ids = await withClient(ownerUrl, async (owner) => {
    await owner.query('BEGIN');
    await owner.query("SELECT set_config('app.current_tenant', $1, true)", [id]);
    const table = (name: string) => `${owner.escapeIdentifier(schema)}.${name}`;
    const users = await owner.query<{ id: string; email: string }>(
      `SELECT id, email FROM ${table('users')} WHERE email IN ('client@alpha.test', 'staff@alpha.test')`,
    );
    const byEmail = new Map(users.rows.map((row) => [row.email, row.id]));
    const expires = new Date(Date.now() + 20 * 86_400_000);
    for (const [token, email] of [
      [clientToken, 'client@alpha.test'],
      [staffToken, 'staff@alpha.test'],
    ] as const) {
      await owner.query(
        `INSERT INTO ${table('sessions')} (clinic_id, id, user_id, created_at, expires_at)
         VALUES ($1, $2, $3, now(), $4)`,
        [id, hashSecretToken(token), byEmail.get(email), expires],
      );
    }
    // Enough credits for a long run of bookings (cancellations outside the window return them).
    await owner.query(
      `UPDATE ${table('user_packages')}
          SET credits_total = credits_total + 1000, credits_left = credits_left + 1000,
              expires_at = greatest(expires_at, now() + interval '1 year')
        WHERE user_id = $1`,
      [byEmail.get('client@alpha.test')],
    );
    const therapists = await owner.query<{ id: string }>(
      `SELECT id FROM ${table('therapists')} ORDER BY id`,
    );
    const branches = await owner.query<{ id: string }>(
      `SELECT id FROM ${table('branches')} ORDER BY id`,
    );
    const packages = await owner.query<{ id: string }>(
      `SELECT id FROM ${table('packages')} ORDER BY id LIMIT 1`,
    );
    await owner.query('COMMIT');
    return {
      clientId: byEmail.get('client@alpha.test')!,
      therapistIds: therapists.rows.map((row) => row.id),
      branchIds: branches.rows.map((row) => row.id),
      packageId: packages.rows[0]!.id,
    };
  });
  return { slug: spec.slug, id, mode, ownerUrl, schema, clientToken, staffToken, ...ids };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
