import type pg from 'pg';

import type { BoundClinic, ClinicMode } from '../context/bound-clinic';
import { isUuid } from '../context/bound-clinic';

export type ClinicStatus = 'active' | 'frozen' | 'moving' | 'suspended';

/** A clinic's registry entry: who it is and where its data lives. */
export interface ClinicRecord extends BoundClinic {
  readonly name: string;
  readonly status: ClinicStatus;
  /** The clinic's own schema when mode = schema. */
  readonly schemaName: string | null;
  /** Name of the secret holding the database URL when mode = database (never the URL). */
  readonly databaseUrlRef: string | null;
  /** The registered database server holding its database (null: the shared server). */
  readonly databaseServer?: string | null;
  /** API calls per second the clinic's portal serves (fair share); null = the deployment's default. */
  readonly requestRatePerSecond: number | null;
}

interface ClinicRow {
  id: string;
  slug: string;
  name: string;
  mode: ClinicMode;
  status: ClinicStatus;
  routing_version: number;
  schema_name: string | null;
  database_url_ref: string | null;
  database_server: string | null;
  request_rate_per_second: number | null;
}

/**
 * Reads one registry entry by slug or id (ids are UUIDs; the registry refuses a UUID-shaped
 * slug). With `{ by: 'slug' }` a UUID-shaped value finds nothing: what a request names (host
 * label, x-clinic) is only ever a slug.
 */
export async function readClinicRecord(
  registry: pg.Pool,
  slugOrId: string,
  { by }: { by?: 'slug' } = {},
): Promise<ClinicRecord | undefined> {
  if (by === 'slug' && isUuid(slugOrId)) return undefined;
  const column = isUuid(slugOrId) ? 'id' : 'slug';
  const { rows } = await registry.query<ClinicRow>(
    `SELECT id, slug, name, mode, status, routing_version, schema_name, database_url_ref,
            database_server, request_rate_per_second
       FROM clinics WHERE ${column} = $1`,
    [isUuid(slugOrId) ? slugOrId.toLowerCase() : slugOrId],
  );
  const row = rows[0];
  return row && toRecord(row);
}

function toRecord(row: ClinicRow): ClinicRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    mode: row.mode,
    status: row.status,
    routingVersion: row.routing_version,
    schema: row.mode === 'schema' && row.schema_name ? row.schema_name : 'public',
    schemaName: row.schema_name,
    databaseUrlRef: row.database_url_ref,
    databaseServer: row.database_server,
    requestRatePerSecond: row.request_rate_per_second,
  };
}
