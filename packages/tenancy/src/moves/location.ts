import pg from 'pg';

import type { ClinicMode } from '../context/bound-clinic';
import { dedicatedName } from '../provisioning/provision-clinic';
import {
  databaseUrlResolver,
  sameServerDatabase,
  sameServerRef,
  withDatabase,
} from '../provisioning/database-url';

/** Where a clinic's rows live: the registry's three routing columns. */
export interface Location {
  mode: ClinicMode;
  /** The clinic's own schema (mode `schema`), else null. */
  schema: string | null;
  /** The secret's name of the clinic's own database (mode `database`), else null. */
  databaseUrlRef: string | null;
  /** The registered database server holding that database (null or absent: none recorded). */
  databaseServer?: string | null;
}

/** How the engine reaches every location: the shared database's URLs and the secrets. */
export interface MoveConnections {
  /** Owner role, shared database: registry, DDL, and the rows of shared and schema clinics. */
  ownerUrl: string;
  /** Runtime role, shared database: the smoke test reads through it, as the apps do. */
  appUrl: string;
  /**
   * Secrets by name. A database reference `NAME` that is not `database:<db>` on the shared
   * server needs `NAME` (the runtime role's URL) and `NAME_OWNER` (the owner role's URL).
   */
  secrets?: (name: string) => string | undefined;
}

/** A place to open a connection: a URL and the schema the clinic's tables are in. */
export interface Endpoint {
  url: string;
  schema: string;
}

export function describeLocation(location: Location): string {
  if (location.mode === 'schema') return `schema ${location.schema}`;
  if (location.mode === 'database') {
    const on = location.databaseServer ? ` on server ${location.databaseServer}` : '';
    return `database ${location.databaseUrlRef}${on}`;
  }
  return 'shared';
}

export function sameLocation(a: Location, b: Location): boolean {
  return (
    a.mode === b.mode &&
    (a.schema ?? null) === (b.schema ?? null) &&
    (a.databaseUrlRef ?? null) === (b.databaseUrlRef ?? null) &&
    (a.databaseServer ?? null) === (b.databaseServer ?? null)
  );
}

/**
 * The default place for a clinic moving to `mode`: `clinic_<slug>` or `eventora_clinic_<slug>`.
 * With a registered `server`, its database there, behind the secret
 * `CLINIC_<SLUG>_<SERVER>_DATABASE_URL` unless `databaseUrlRef` names another.
 */
export function targetLocation(
  slug: string,
  mode: ClinicMode,
  databaseUrlRef?: string,
  server?: string,
): Location {
  if (mode === 'schema')
    return { mode, schema: dedicatedName(slug, 'schema'), databaseUrlRef: null };
  if (mode === 'database' && server !== undefined) {
    return {
      mode,
      schema: null,
      databaseUrlRef: databaseUrlRef ?? serverDatabaseSecret(slug, server),
      databaseServer: server,
    };
  }
  if (mode === 'database') {
    return {
      mode,
      schema: null,
      databaseUrlRef: databaseUrlRef ?? sameServerRef(dedicatedName(slug, 'database')),
    };
  }
  return { mode, schema: null, databaseUrlRef: null };
}

/** The secret naming a clinic's database on a registered server (`…_OWNER`: the owner's URL). */
export function serverDatabaseSecret(slug: string, server: string): string {
  const upper = (name: string) => name.toUpperCase().replaceAll('-', '_');
  return `CLINIC_${upper(slug)}_${upper(server)}_DATABASE_URL`;
}

/** Where the owner role reaches a location's tables. */
export function ownerEndpoint(location: Location, connections: MoveConnections): Endpoint {
  return endpoint(location, connections, 'owner');
}

/** Where the runtime role reaches a location's tables. */
export function appEndpoint(location: Location, connections: MoveConnections): Endpoint {
  return endpoint(location, connections, 'app');
}

function endpoint(
  location: Location,
  connections: MoveConnections,
  role: 'owner' | 'app',
): Endpoint {
  const sharedUrl = role === 'owner' ? connections.ownerUrl : connections.appUrl;
  if (location.mode === 'shared') return { url: sharedUrl, schema: 'public' };
  if (location.mode === 'schema') return { url: sharedUrl, schema: location.schema! };
  const ref = location.databaseUrlRef!;
  const database = sameServerDatabase(ref);
  if (database) return { url: withDatabase(sharedUrl, database), schema: 'public' };
  const secretName = role === 'owner' ? `${ref}_OWNER` : ref;
  return {
    url: databaseUrlResolver(sharedUrl, connections.secrets ?? (() => undefined))(secretName),
    schema: 'public',
  };
}

/** True when two endpoints are one database (a move between them never leaves the server's database). */
export function sameDatabase(a: Endpoint, b: Endpoint): boolean {
  const strip = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  };
  return strip(a.url) === strip(b.url);
}

/**
 * A dedicated session of the mover at an endpoint, bound to the clinic for row level security
 * for its whole life (the session is never pooled). With `verbatim`, triggers and foreign-key
 * checks are off (`session_replication_role = replica`): rows land exactly as the source holds
 * them (the audit chain's trigger would renumber them), in any table order, even where the
 * clinic is frozen. Constraints and unique indexes still hold.
 */
export async function openMoverSession(
  at: Endpoint,
  clinicId: string,
  options: { verbatim?: boolean } = {},
): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: at.url, application_name: 'eventora-move' });
  // A dropped connection also rejects the pending query; without a listener it would crash.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(
      "SELECT set_config('app.current_tenant', $1, false), set_config('TimeZone', 'UTC', false)",
      [clinicId],
    );
    if (options.verbatim) await client.query('SET session_replication_role = replica');
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** Drops a session's socket at once, as a killed process would: the server rolls back. */
export function dropSession(client: pg.Client): void {
  (
    client as unknown as { connection: { stream: { destroy(): void } } }
  ).connection.stream.destroy();
}
