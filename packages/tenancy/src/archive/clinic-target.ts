import type { ClientBase } from 'pg';

import type { ClinicMode } from '../context/bound-clinic';
import { sameServerDatabase, withDatabase } from '../provisioning/database-url';
import { ArchiveError } from './archive-error';

/** A clinic's registry entry, as the operator tools read it (owner role, shared database). */
export interface RegistryClinic {
  id: string;
  slug: string;
  name: string;
  mode: ClinicMode;
  schemaName: string | null;
  databaseUrlRef: string | null;
  status: string;
}

/** Where a clinic's rows are: a connection (owner role) and the schema holding its tables. */
export interface ClinicRows {
  connectionString: string;
  schema: string;
}

export async function readRegistryClinic(owner: ClientBase, slug: string): Promise<RegistryClinic> {
  const { rows } = await owner.query<RegistryClinic>(
    `SELECT id, slug, name, mode, schema_name AS "schemaName", database_url_ref AS "databaseUrlRef", status
       FROM public.clinics WHERE slug = $1`,
    [slug],
  );
  if (!rows[0]) throw new ArchiveError('CLINIC_NOT_FOUND', `No clinic has the slug ${slug}.`);
  return rows[0];
}

/**
 * The owner's way to a clinic's rows: the shared schema, its own schema, or its own database on
 * the same server (a database on another server is reached through the secret its reference
 * names, from `secrets`).
 */
export function clinicRows(
  clinic: Pick<RegistryClinic, 'mode' | 'schemaName' | 'databaseUrlRef' | 'slug'>,
  ownerUrl: string,
  secrets: (name: string) => string | undefined = () => undefined,
): ClinicRows {
  if (clinic.mode === 'schema' && clinic.schemaName) {
    return { connectionString: ownerUrl, schema: clinic.schemaName };
  }
  if (clinic.mode === 'database' && clinic.databaseUrlRef) {
    const database = sameServerDatabase(clinic.databaseUrlRef);
    const url = database ? withDatabase(ownerUrl, database) : secrets(clinic.databaseUrlRef);
    if (!url) {
      throw new ArchiveError(
        'CLINIC_NOT_FOUND',
        `Clinic ${clinic.slug}'s database secret ${clinic.databaseUrlRef} is not set.`,
      );
    }
    return { connectionString: url, schema: 'public' };
  }
  return { connectionString: ownerUrl, schema: 'public' };
}
