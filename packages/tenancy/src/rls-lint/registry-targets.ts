import pg from 'pg';
import type { MigrationTarget } from '../migrations';
import { logMessageOf } from '../migrations/target';

/**
 * Turns a clinic's `database_url_ref` (the name of a secret, never the secret) into a URL for
 * its own database. Throws, with a message saying why, when the secret cannot be found.
 */
export type DatabaseUrlResolver = (ref: string) => string | Promise<string>;

/** A clinic's target that the registry lists but that cannot be reached as configured. */
export interface UnresolvedTarget {
  label: string;
  reason: string;
}

/** The targets of a deployment, from its registry. */
export interface RegistryTargets {
  targets: MigrationTarget[];
  unresolved: UnresolvedTarget[];
}

interface ClinicRow {
  slug: string;
  mode: 'schema' | 'database';
  schema_name: string | null;
  database_url_ref: string | null;
}

/**
 * Lists every target of the deployment whose shared database is at `sharedUrl`: its `public`
 * schema, each schema-mode clinic's schema (registry `schema_name`), and each database-mode
 * clinic's own database (its `public` schema, as the router uses it) through
 * `resolveDatabaseUrl`. A clinic that cannot be resolved, or any database clinic when no
 * resolver is given, comes back in `unresolved`: never dropped silently.
 */
export async function registryTargets(
  sharedUrl: string,
  { resolveDatabaseUrl }: { resolveDatabaseUrl?: DatabaseUrlResolver } = {},
): Promise<RegistryTargets> {
  const result: RegistryTargets = {
    targets: [{ label: 'shared', connectionString: sharedUrl, schema: 'public' }],
    unresolved: [],
  };
  for (const clinic of await readDedicatedClinics(sharedUrl)) {
    const label = `clinic ${clinic.slug}`;
    if (clinic.mode === 'schema') {
      if (clinic.schema_name) {
        result.targets.push({
          label,
          connectionString: sharedUrl,
          schema: clinic.schema_name,
          clinic: clinic.slug,
        });
      } else {
        result.unresolved.push({
          label,
          reason: "mode 'schema' but no schema_name in the registry",
        });
      }
    } else if (!clinic.database_url_ref) {
      result.unresolved.push({
        label,
        reason: "mode 'database' but no database_url_ref in the registry",
      });
    } else if (!resolveDatabaseUrl) {
      result.unresolved.push({
        label,
        reason: 'has its own database and no URL resolver was given',
      });
    } else {
      try {
        const connectionString = await resolveDatabaseUrl(clinic.database_url_ref);
        result.targets.push({ label, connectionString, schema: 'public', clinic: clinic.slug });
      } catch (error) {
        result.unresolved.push({ label, reason: logMessageOf(error) });
      }
    }
  }
  return result;
}

/** Clinics outside the shared schema; none when the registry is not migrated yet. */
async function readDedicatedClinics(sharedUrl: string): Promise<ClinicRow[]> {
  const client = new pg.Client({
    connectionString: sharedUrl,
    application_name: 'eventora-lint-rls',
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('public.clinics') IS NOT NULL AS exists",
    );
    if (!rows[0]?.exists) return [];
    const clinics = await client.query<ClinicRow>(
      `SELECT slug, mode::text AS mode, schema_name, database_url_ref
         FROM public.clinics WHERE mode <> 'shared' ORDER BY slug`,
    );
    return clinics.rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}
