import pg from 'pg';

import type { ClinicMode } from '../context/bound-clinic';
import { migrateTarget, type Migration, type MigrationTarget } from '../migrations';
import { sameServerDatabase, sameServerRef, withDatabase } from './database-url';
import { clinicDatabaseSecret, lockPlacement, placeDatabaseClinic } from './database-servers';

export interface ProvisionRequest {
  slug: string;
  name: string;
  mode: ClinicMode;
  timezone?: string;
  /** Database mode: the registered database server to place it on (default: the placement rule). */
  server?: string;
  /** Database mode: place it on an open server of this region. */
  region?: string;
}

export interface ProvisionOptions {
  /** The owner role's URL of the shared database: it writes the registry and runs DDL. */
  ownerUrl: string;
  migrations: Migration[];
  /** Name of a database-mode clinic's database (default `eventora_clinic_<slug>`). */
  databaseName?: (slug: string) => string;
  /**
   * Secrets by name: a registered database server's `url_ref` (its owner role's URL). Needed
   * to place a clinic on a server other than the shared one.
   */
  secrets?: (name: string) => string | undefined;
  log?: (line: string) => void;
}

export interface ProvisionedClinic {
  id: string;
  slug: string;
  mode: ClinicMode;
  schemaName: string | null;
  databaseUrlRef: string | null;
  /** The registered database server holding its database (null: the shared server). */
  databaseServer: string | null;
}

/** Names of a clinic's own schema or database, derived from its slug (slugs allow `-`). */
export function dedicatedName(slug: string, mode: 'schema' | 'database'): string {
  const base = `clinic_${slug.replaceAll('-', '_')}`;
  return mode === 'schema' ? base : `eventora_${base}`;
}

/**
 * Registers a clinic and prepares the place its data lives, resumably:
 *
 * 1. the registry row is written first, `suspended` with `onboarding.state = provisioning`, so
 *    no request reaches a half-made clinic;
 * 2. for `schema` mode the schema `clinic_<slug>` is created and migrated; for `database` mode
 *    the database `eventora_clinic_<slug>` is created on the same server and migrated (RLS
 *    policies included there too, as defence in depth);
 * 3. the clinic is opened (`active`, state `ready`) and its routing version bumped.
 *
 * Every step is idempotent: after a failure the row says `failed` with the error, and calling
 * again with the same request picks up where it stopped. `discardClinic` cleans up instead.
 * A clinic that is ready (in service) is refused like any other taken slug: provisioning is
 * never a way back into a live clinic.
 */
export async function provisionClinic(
  request: ProvisionRequest,
  options: ProvisionOptions,
): Promise<ProvisionedClinic> {
  const log = (line: string) => options.log?.(`[${request.slug}] ${line}`);
  const owner = new pg.Client({ connectionString: options.ownerUrl });
  await owner.connect();
  try {
    const databaseName = options.databaseName ?? ((slug) => dedicatedName(slug, 'database'));
    const clinic = await registerClinic(owner, request, databaseName(request.slug));
    try {
      const server = clinic.databaseServer
        ? await serverOwnerUrl(owner, clinic.databaseServer, options.secrets)
        : undefined;
      const target = targetFor(clinic, options.ownerUrl, server, databaseName(request.slug));
      if (target) {
        const database = sameServerDatabase(clinic.databaseUrlRef);
        if (database) await ensureDatabase(owner, database);
        if (server) {
          await withOwner(server, (remote) => ensureDatabase(remote, databaseName(request.slug)));
          log(`placed on database server ${clinic.databaseServer}`);
        }
        log(`migrating ${target.label}`);
        await migrateTarget(target, options.migrations, { log: options.log });
      }
      await owner.query(
        `UPDATE clinics SET status = 'active', routing_version = routing_version + 1, updated_at = now(),
                onboarding = onboarding || jsonb_build_object('state', 'ready', 'provisionedAt', now())
          WHERE id = $1`,
        [clinic.id],
      );
      log('ready');
      return clinic;
    } catch (error) {
      await owner.query(
        `UPDATE clinics SET onboarding = onboarding || jsonb_build_object('state', 'failed', 'error', $2::text), updated_at = now()
          WHERE id = $1`,
        [clinic.id, error instanceof Error ? error.message : String(error)],
      );
      throw error;
    }
  } finally {
    await owner.end();
  }
}

interface RegisteredClinic extends ProvisionedClinic {
  onboardingState: string;
}

async function registerClinic(
  owner: pg.Client,
  request: ProvisionRequest,
  databaseName: string,
): Promise<RegisteredClinic> {
  const schemaName = request.mode === 'schema' ? dedicatedName(request.slug, 'schema') : null;
  await owner.query('BEGIN');
  try {
    // Placement and registration in one transaction under one lock: two provisionings never
    // both take a server's last place.
    let placed: string | null = null;
    if (request.mode === 'database') {
      await lockPlacement(owner);
      placed = (await placeDatabaseClinic(owner, request))?.name ?? null;
    } else if (request.server !== undefined || request.region !== undefined) {
      throw new Error('A server or region is for database-mode clinics only.');
    }
    const databaseUrlRef =
      request.mode !== 'database'
        ? null
        : placed
          ? clinicDatabaseSecret(request.slug)
          : sameServerRef(databaseName);
    // ON CONFLICT: a retry finds the row it wrote before (and the server it was placed on); a
    // clinic in service, or a different clinic with the slug, is refused.
    const { rows } = await owner.query<{
      id: string;
      mode: ClinicMode;
      schema_name: string | null;
      database_url_ref: string | null;
      database_server: string | null;
      state: string;
    }>(
      `INSERT INTO clinics (id, slug, name, mode, schema_name, database_url_ref, database_server, status, timezone, onboarding)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'suspended', $7, jsonb_build_object('state', 'provisioning'))
       ON CONFLICT (slug) DO UPDATE SET updated_at = now()
         WHERE clinics.mode = EXCLUDED.mode AND clinics.onboarding->>'state' IN ('provisioning', 'failed')
       RETURNING id, mode, schema_name, database_url_ref, database_server, onboarding->>'state' AS state`,
      [
        request.slug,
        request.name,
        request.mode,
        schemaName,
        databaseUrlRef,
        placed,
        request.timezone ?? 'UTC',
      ],
    );
    await owner.query('COMMIT');
    const row = rows[0];
    if (!row) throw new Error(`A clinic with slug ${request.slug} already exists.`);
    return {
      id: row.id,
      slug: request.slug,
      mode: row.mode,
      schemaName: row.schema_name,
      databaseUrlRef: row.database_url_ref,
      databaseServer: row.database_server,
      onboardingState: row.state,
    };
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The owner role's URL of a registered server, from the secret its url_ref names. */
async function serverOwnerUrl(
  owner: pg.Client,
  name: string,
  secrets: ProvisionOptions['secrets'],
): Promise<string> {
  const { rows } = await owner.query<{ url_ref: string }>(
    'SELECT url_ref FROM database_servers WHERE name = $1',
    [name],
  );
  const ref = rows[0]?.url_ref;
  const url = ref ? secrets?.(ref) : undefined;
  if (!url)
    throw new Error(`The owner URL secret ${ref ?? '?'} of database server ${name} is not set.`);
  return url;
}

async function withOwner<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function targetFor(
  clinic: ProvisionedClinic,
  ownerUrl: string,
  serverUrl: string | undefined,
  databaseName: string,
): MigrationTarget | undefined {
  if (clinic.mode === 'schema') {
    return { label: clinic.schemaName!, connectionString: ownerUrl, schema: clinic.schemaName! };
  }
  const database = sameServerDatabase(clinic.databaseUrlRef);
  if (clinic.mode === 'database' && database) {
    return { label: database, connectionString: withDatabase(ownerUrl, database) };
  }
  if (clinic.mode === 'database' && serverUrl) {
    return {
      label: `${databaseName} on ${clinic.databaseServer}`,
      connectionString: withDatabase(serverUrl, databaseName),
    };
  }
  if (clinic.mode === 'database') {
    throw new Error(
      `Clinic ${clinic.slug} lives in a database on another server; provision it there.`,
    );
  }
  return undefined;
}

/** Creates a same-server clinic database unless it exists; only the runtime role may connect. */
export async function ensureDatabase(owner: pg.Client, database: string): Promise<void> {
  const { rowCount } = await owner.query('SELECT 1 FROM pg_database WHERE datname = $1', [
    database,
  ]);
  if (rowCount) return;
  const name = owner.escapeIdentifier(database);
  await owner.query(`CREATE DATABASE ${name}`);
  await owner.query(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
  // The platform role writes operators' entries into the clinic's audit log there.
  await owner.query(`GRANT CONNECT ON DATABASE ${name} TO eventora_app, eventora_platform`);
}

/**
 * Removes a clinic that never opened (provisioning failed or was abandoned): its schema or
 * database, then its registry row. Refuses a clinic that is ready: that is not a cleanup.
 */
export async function discardClinic(
  slug: string,
  options: Pick<ProvisionOptions, 'ownerUrl' | 'databaseName' | 'secrets'>,
): Promise<void> {
  const owner = new pg.Client({ connectionString: options.ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{
      id: string;
      mode: ClinicMode;
      state: string;
      ref: string | null;
      server: string | null;
    }>(
      "SELECT id, mode, onboarding->>'state' AS state, database_url_ref AS ref, database_server AS server FROM clinics WHERE slug = $1",
      [slug],
    );
    const clinic = rows[0];
    if (!clinic) return;
    if (clinic.state === 'ready')
      throw new Error(`Clinic ${slug} is in service; it cannot be discarded.`);
    if (clinic.mode === 'schema') {
      await owner.query(
        `DROP SCHEMA IF EXISTS ${owner.escapeIdentifier(dedicatedName(slug, 'schema'))} CASCADE`,
      );
    }
    const database = sameServerDatabase(clinic.ref);
    if (clinic.mode === 'database' && database) {
      await owner.query(`DROP DATABASE IF EXISTS ${owner.escapeIdentifier(database)} WITH (FORCE)`);
    }
    // On a registered server: dropped there, or the registry row stays (no orphan database).
    if (clinic.mode === 'database' && clinic.server) {
      const name = (options.databaseName ?? ((s: string) => dedicatedName(s, 'database')))(slug);
      const url = await serverOwnerUrl(owner, clinic.server, options.secrets);
      await withOwner(url, (remote) =>
        remote.query(`DROP DATABASE IF EXISTS ${remote.escapeIdentifier(name)} WITH (FORCE)`),
      );
    }
    await owner.query('DELETE FROM clinics WHERE id = $1', [clinic.id]);
  } finally {
    await owner.end();
  }
}
