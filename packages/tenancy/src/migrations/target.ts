import pg from 'pg';
import { MigrationError } from './migration-error';

/** Where migrations go: a database, and in it a schema (default `public`). Connect as the owner role. */
export interface MigrationTarget {
  label: string;
  connectionString: string;
  schema?: string;
  /** The clinic (slug) whose schema or database this is; absent for the shared schema. */
  clinic?: string;
}

export function schemaOf(target: MigrationTarget): string {
  return target.schema ?? 'public';
}

/** Opens a dedicated session to the target; a failure names the target. */
export async function connectTarget(target: MigrationTarget): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: target.connectionString,
    application_name: 'eventora-migrate',
  });
  // A dropped connection also rejects the pending query; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new MigrationError(
      'TARGET_UNAVAILABLE',
      `Cannot connect to target ${target.label}: ${logMessageOf(error)}`,
      target.label,
      undefined,
      { cause: error },
    );
  }
  return client;
}

/** A caught error as one line for logs and migration reports (not for people: see @eventora/ui). */
export function logMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
