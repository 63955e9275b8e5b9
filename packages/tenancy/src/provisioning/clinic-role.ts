import type { ClientBase } from 'pg';
import { ROLES } from '@eventora/db/roles';

import { dedicatedName } from './provision-clinic';

/** Prefix of every per-clinic login role (and of the clinic's database, which it is named after). */
const CLINIC_ROLE_PREFIX = 'eventora_clinic_';

/**
 * The group role of a database-mode clinic: named like its database. It cannot log in; it holds
 * the clinic's grants (CONNECT on its database, membership in the runtime role), and its two
 * login roles (`<group>_a`, `<group>_b`, {@link clinicLoginRoles}) get them through it. Refuses a
 * name Postgres would truncate (63 bytes, with the login roles' suffix), since two long slugs
 * could then share a role.
 */
export function clinicRoleName(slug: string): string {
  const name = dedicatedName(slug, 'database');
  if (Buffer.byteLength(name) > 61) {
    throw new Error(
      `The clinic role ${name} is longer than 61 bytes; give the clinic a shorter slug.`,
    );
  }
  return name;
}

/**
 * The clinic's two login roles. One is live (its URL is the clinic's runtime secret); a
 * rotation gives the other a new password, and the old one is retired after a grace period, so
 * a process still holding the old URL keeps connecting until it reloads.
 */
export function clinicLoginRoles(group: string): [string, string] {
  return [`${group}_a`, `${group}_b`];
}

function assertClinicRole(role: string): void {
  if (!role.startsWith(CLINIC_ROLE_PREFIX))
    throw new Error(`A clinic role's name starts with ${CLINIC_ROLE_PREFIX}.`);
}

/** A login role as the catalog has it. */
interface LoginRole {
  name: string;
  canLogin: boolean;
  /** VALID UNTIL, null for none (or infinity). */
  validUntil: Date | null;
}

async function loginRoles(admin: ClientBase, group: string): Promise<LoginRole[]> {
  const { rows } = await admin.query<{
    name: string;
    can_login: boolean;
    valid_until: Date | null;
  }>(
    `SELECT rolname AS name, rolcanlogin AS can_login,
            CASE WHEN rolvaliduntil = 'infinity' THEN NULL ELSE rolvaliduntil END AS valid_until
       FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname`,
    [clinicLoginRoles(group)],
  );
  return rows.map((row) => ({
    name: row.name,
    canLogin: row.can_login,
    validUntil: row.valid_until,
  }));
}

/** Creates or re-asserts one login role: LOGIN, nothing more, a member of the clinic's group. */
async function assertLoginRole(
  admin: ClientBase,
  { role, group, password }: { role: string; group: string; password?: string },
): Promise<void> {
  const name = admin.escapeIdentifier(role);
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  // INHERIT: it gets the group's CONNECT; the group does not inherit the runtime role's (see
  // ensureClinicRole), so nothing else reaches this role.
  await admin.query(
    `${rowCount ? 'ALTER' : 'CREATE'} ROLE ${name} LOGIN INHERIT NOSUPERUSER NOCREATEDB ` +
      `NOCREATEROLE NOREPLICATION NOBYPASSRLS` +
      (password === undefined
        ? ''
        : ` PASSWORD ${admin.escapeLiteral(password)} VALID UNTIL 'infinity'`),
  );
  await admin.query(`GRANT ${admin.escapeIdentifier(group)} TO ${name}`);
  await admin.query(`ALTER ROLE ${name} SET role = ${admin.escapeLiteral(ROLES.app)}`);
}

/**
 * Creates a database-mode clinic's roles on the server `admin` is connected to (a role with
 * CREATEROLE), or re-asserts them. The group role `role` (NOLOGIN, NOINHERIT) holds CONNECT on
 * the clinic's database alone and membership in the runtime role without inheriting it; its
 * login role `<role>_a` (created with `password` the first time; an existing login role keeps
 * its password: {@link rotateClinicRole} changes it) inherits the group's CONNECT and switches to
 * the runtime role at login (`SET role`). So inside its database it works exactly as the runtime
 * role, row level security included, while the runtime role's CONNECT on other databases never
 * reaches it: a leaked password reaches one clinic's database. The password is sent as a quoted
 * literal (CREATE ROLE takes no parameters) and comes from the caller's secret. Answers the live
 * login role (the one the runtime URL should name).
 */
export async function ensureClinicRole(
  admin: ClientBase,
  { role, database, password }: { role: string; database: string; password: string },
): Promise<string> {
  assertClinicRole(role);
  const group = admin.escapeIdentifier(role);
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  await admin.query(
    `${rowCount ? 'ALTER' : 'CREATE'} ROLE ${group} NOLOGIN NOINHERIT NOSUPERUSER NOCREATEDB ` +
      `NOCREATEROLE NOREPLICATION NOBYPASSRLS`,
  );
  // A group that once logged in itself (before login roles were two) keeps no login setting.
  await admin.query(`ALTER ROLE ${group} RESET role`);
  await admin.query(`GRANT ${admin.escapeIdentifier(ROLES.app)} TO ${group}`);
  await admin.query(`GRANT CONNECT ON DATABASE ${admin.escapeIdentifier(database)} TO ${group}`);
  const existing = await loginRoles(admin, role);
  const live = existing.filter((login) => login.canLogin);
  if (live.length === 0) {
    const [first] = clinicLoginRoles(role);
    await assertLoginRole(admin, { role: first, group: role, password });
    return first;
  }
  for (const login of existing) await assertLoginRole(admin, { role: login.name, group: role });
  return liveLogin(live)!.name;
}

/** The live login role: the one without an end of validity (a retiring one has one). */
function liveLogin(live: LoginRole[]): LoginRole | undefined {
  return live.find((role) => role.validUntil === null) ?? live[0];
}

/** What a rotation did: the role to publish now, and the one that stops at `retiresAt`. */
export interface ClinicRoleRotation {
  /** The login role whose password was just set: the runtime URL names it from now on. */
  role: string;
  /** The login role that was live: it keeps working until `retiresAt`. */
  retiring: string;
  retiresAt: Date;
}

/**
 * Rotates a clinic's password without downtime (two login roles, one group). The idle login
 * role gets `password` (created when missing) and becomes the live one; the live one gets
 * `VALID UNTIL now + grace`, so processes still holding the old URL keep opening connections
 * during the grace while the new URL is published and every process reloads; then the old
 * password is refused (password authentication enforces VALID UNTIL), and {@link
 * retireClinicRoles} takes its LOGIN away (which also holds on trust-authenticated servers).
 * Sessions already open are not cut. Refuses while the previous rotation's grace runs.
 */
export async function rotateClinicRole(
  admin: ClientBase,
  role: string,
  password: string,
  { graceSeconds }: { graceSeconds: number },
): Promise<ClinicRoleRotation> {
  assertClinicRole(role);
  await retireClinicRoles(admin, role);
  const roles = await loginRoles(admin, role);
  const live = roles.filter((login) => login.canLogin);
  if (live.length === 0) throw new Error(`No login role of ${role} on this server.`);
  const retiring = live.find((login) => login.validUntil !== null);
  if (retiring) {
    throw new Error(
      `A rotation of ${role} is under way: ${retiring.name} retires at ${retiring.validUntil!.toISOString()}; rotate again after that.`,
    );
  }
  const current = live[0]!;
  const next = clinicLoginRoles(role).find((name) => name !== current.name)!;
  const { rows } = await admin.query<{ until: Date }>(
    'SELECT now() + make_interval(secs => $1) AS until',
    [graceSeconds],
  );
  const retiresAt = rows[0]!.until;
  await admin.query('BEGIN');
  try {
    await assertLoginRole(admin, { role: next, group: role, password });
    await admin.query(
      `ALTER ROLE ${admin.escapeIdentifier(current.name)} VALID UNTIL ${admin.escapeLiteral(retiresAt.toISOString())}`,
    );
    await admin.query('COMMIT');
  } catch (error) {
    await admin.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return { role: next, retiring: current.name, retiresAt };
}

/**
 * Takes LOGIN away from a clinic's login roles whose grace is over (all retiring ones with
 * `now`). Answers the roles retired. Their open sessions stay until they end.
 */
export async function retireClinicRoles(
  admin: ClientBase,
  role: string,
  { now = false }: { now?: boolean } = {},
): Promise<string[]> {
  assertClinicRole(role);
  const { rows } = await admin.query<{ now: Date }>('SELECT now()');
  const retired: string[] = [];
  for (const login of await loginRoles(admin, role)) {
    if (!login.canLogin || login.validUntil === null) continue;
    if (!now && login.validUntil > rows[0]!.now) continue;
    await admin.query(`ALTER ROLE ${admin.escapeIdentifier(login.name)} NOLOGIN`);
    retired.push(login.name);
  }
  return retired;
}

/** A way a clinic role reaches beyond its own clinic's database. */
export interface ClinicRoleFinding {
  role: string;
  /** The other database it may connect to, or the attribute it must not have. */
  reach: string;
  message: string;
}

/**
 * Checks every clinic role (`eventora_clinic_*`) of the server `client` is connected to: of
 * Eventora's databases (those the owner role owns: the shared one and every clinic's), a login
 * role may connect to its clinic's alone — the database of its own name, or of its group's for
 * `<group>_a`/`<group>_b` — privileges held through role membership included; and no clinic
 * role holds an attribute that lifts it above the runtime role (a group, or a single login role,
 * must not INHERIT: it would inherit the runtime role's CONNECT on every database). Any role may run
 * it: it reads the catalog only.
 */
export async function lintClinicRoles(client: ClientBase): Promise<ClinicRoleFinding[]> {
  const { rows } = await client.query<{ role: string; database: string }>(
    `SELECT r.rolname AS role, d.datname AS database
       FROM pg_roles r CROSS JOIN pg_database d
      WHERE starts_with(r.rolname, $1) AND r.rolcanlogin
        AND d.datallowconn AND d.datname <> r.rolname
        AND r.rolname NOT IN (d.datname || '_a', d.datname || '_b')
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
                            ('REPLICATION', rolreplication),
                            -- A group must not inherit the runtime role's CONNECT on every
                            -- database (its login roles would); a single login role the same.
                            ('INHERIT', rolinherit AND rolname !~ '_[ab]$'))
                    AS a(attribute, held)
      WHERE starts_with(rolname, $1) AND held
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
