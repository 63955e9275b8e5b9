import type { ClientBase } from 'pg';
import { ROLES } from '@eventora/db/roles';

import { dedicatedName } from './provision-clinic';

/** Prefix of every per-clinic login role (and of the clinic's database, which it is named after). */
const CLINIC_ROLE_PREFIX = 'eventora_clinic_';

/**
 * The login role of a database-mode clinic: named like its database. Refuses a name Postgres
 * would truncate (63 bytes), since two long slugs could then share a role.
 */
export function clinicRoleName(slug: string): string {
  const name = dedicatedName(slug, 'database');
  if (Buffer.byteLength(name) > 63) {
    throw new Error(
      `The clinic role ${name} is longer than 63 bytes; give the clinic a shorter slug.`,
    );
  }
  return name;
}

/**
 * Creates a database-mode clinic's own login role on the server `admin` is connected to (a role
 * with CREATEROLE), or re-asserts it: LOGIN and nothing else (no superuser, CREATEDB,
 * CREATEROLE, replication or BYPASSRLS), CONNECT on the clinic's database alone, and membership
 * in the runtime role without inheriting it (NOINHERIT), switched to at login (`SET role`).
 * So inside its database it works exactly as the runtime role, row level security included,
 * while the runtime role's CONNECT on other databases never applies to it: a leaked password
 * reaches one clinic's database. The password is sent as a quoted literal (CREATE ROLE takes
 * no parameters) and comes from the caller's secret, never from the registry.
 */
export async function ensureClinicRole(
  admin: ClientBase,
  { role, database, password }: { role: string; database: string; password: string },
): Promise<void> {
  if (!role.startsWith(CLINIC_ROLE_PREFIX))
    throw new Error(`A clinic role's name starts with ${CLINIC_ROLE_PREFIX}.`);
  const name = admin.escapeIdentifier(role);
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  await admin.query(
    `${rowCount ? 'ALTER' : 'CREATE'} ROLE ${name} LOGIN NOINHERIT NOSUPERUSER NOCREATEDB ` +
      `NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(password)}`,
  );
  await admin.query(`GRANT ${admin.escapeIdentifier(ROLES.app)} TO ${name}`);
  await admin.query(`ALTER ROLE ${name} SET role = ${admin.escapeLiteral(ROLES.app)}`);
  await admin.query(`GRANT CONNECT ON DATABASE ${admin.escapeIdentifier(database)} TO ${name}`);
}

/**
 * Gives a clinic role a new password. Sessions already open stay open; every new connection
 * needs the new password, so publish it to the clinic's secret first and rotate right after
 * (see docs/scale-out.md for the window this leaves).
 */
export async function rotateClinicRolePassword(
  admin: ClientBase,
  role: string,
  password: string,
): Promise<void> {
  if (!role.startsWith(CLINIC_ROLE_PREFIX))
    throw new Error(`A clinic role's name starts with ${CLINIC_ROLE_PREFIX}.`);
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (!rowCount) throw new Error(`No role ${role} on this server.`);
  await admin.query(
    `ALTER ROLE ${admin.escapeIdentifier(role)} PASSWORD ${admin.escapeLiteral(password)}`,
  );
}

/** A way a clinic role reaches beyond its own clinic's database. */
export interface ClinicRoleFinding {
  role: string;
  /** The other database it may connect to, or the attribute it must not have. */
  reach: string;
  message: string;
}

/**
 * Checks every clinic role (`eventora_clinic_*` with LOGIN) of the server `client` is connected
 * to: of Eventora's databases (those the owner role owns: the shared one and every clinic's),
 * it may connect to the one of its own name alone (privileges held through role membership
 * included), and it holds no attribute that lifts it above the runtime role. Any role may run
 * it: it reads the catalog only.
 */
export async function lintClinicRoles(client: ClientBase): Promise<ClinicRoleFinding[]> {
  const { rows } = await client.query<{ role: string; database: string }>(
    `SELECT r.rolname AS role, d.datname AS database
       FROM pg_roles r CROSS JOIN pg_database d
      WHERE starts_with(r.rolname, $1) AND r.rolcanlogin
        AND d.datallowconn AND d.datname <> r.rolname
        AND d.datdba IN (SELECT oid FROM pg_roles WHERE rolname = $2)
        AND has_database_privilege(r.oid, d.oid, 'CONNECT')
      ORDER BY 1, 2`,
    [CLINIC_ROLE_PREFIX, ROLES.owner],
  );
  const findings: ClinicRoleFinding[] = rows.map((row) => ({
    role: row.role,
    reach: row.database,
    message: `may connect to database ${row.database}, which is not its clinic's: a leaked password reaches it. Fix: REVOKE CONNECT ON DATABASE ${row.database} FROM ${row.role} (and from PUBLIC, and from every role it inherits).`,
  }));
  const attributes = await client.query<{ role: string; attribute: string }>(
    `SELECT rolname AS role, attribute
       FROM pg_roles,
            LATERAL (VALUES ('SUPERUSER', rolsuper), ('BYPASSRLS', rolbypassrls),
                            ('CREATEROLE', rolcreaterole), ('CREATEDB', rolcreatedb),
                            ('REPLICATION', rolreplication), ('INHERIT', rolinherit)) AS a(attribute, held)
      WHERE starts_with(rolname, $1) AND rolcanlogin AND held
      ORDER BY 1, 2`,
    [CLINIC_ROLE_PREFIX],
  );
  for (const row of attributes.rows) {
    findings.push({
      role: row.role,
      reach: row.attribute,
      message: `has ${row.attribute}: ${row.attribute === 'INHERIT' ? "it inherits the runtime role's CONNECT on every other clinic database" : 'it lifts the role above the runtime role'}. Fix: ALTER ROLE ${row.role} NO${row.attribute}.`,
    });
  }
  return findings;
}
