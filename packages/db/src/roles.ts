import type { ClientBase } from 'pg';

/** The database roles Eventora runs as. Fixed names: the migrations grant to them. */
export const ROLES = {
  /** Owns the tables and runs migrations. Subject to RLS too (tables FORCE it). */
  owner: 'eventora_owner',
  /** The apps' runtime role: owns nothing, never superuser, never bypasses RLS. */
  app: 'eventora_app',
  /** The admin console's control-plane role: the registry and platform tables, no tenant rows. */
  platform: 'eventora_platform',
  /**
   * The portal's request-stats writer: INSERT/UPDATE on `api_request_stats` and nothing else,
   * so the portal holds no control-plane role (it cannot start operator sessions or edit the
   * registry). Grants: migration 20261203200000_portal_stats_role.
   */
  portalStats: 'eventora_portal_stats',
} as const;

export type RoleName = (typeof ROLES)[keyof typeof ROLES];

export interface RolePasswords {
  owner: string;
  app: string;
  platform: string;
  portalStats: string;
}

/**
 * Creates the roles if they are missing and (re)asserts their attributes, so running it twice is
 * harmless. Needs a connection with CREATEROLE (a superuser in development). Passwords are
 * sent as literals because `CREATE ROLE` takes no bind parameters; they are quoted by pg.
 */
export async function bootstrapRoles(admin: ClientBase, passwords: RolePasswords): Promise<void> {
  const attributes = 'LOGIN NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS';
  // The owner creates per-clinic schemas and databases when clinics move to Plan B. Set inside
  // the locked transaction: two concurrent ALTER ROLEs of one role fail ("tuple concurrently
  // updated").
  const createdb = (key: keyof RolePasswords) => (key === 'owner' ? 'CREATEDB' : 'NOCREATEDB');
  for (const [key, role] of Object.entries(ROLES) as [keyof RolePasswords, RoleName][]) {
    const password = admin.escapeLiteral(passwords[key]);
    // Two sessions may bootstrap at once (parallel test workers); the lock keeps CREATE ROLE
    // from racing, and the transaction releases it.
    await admin.query('BEGIN');
    try {
      await admin.query(
        "SELECT pg_advisory_xact_lock(hashtextextended('eventora.bootstrap-roles', 0))",
      );
      const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = rowCount ? 'ALTER' : 'CREATE';
      await admin.query(
        `${verb} ROLE ${admin.escapeIdentifier(role)} ${attributes} ${createdb(key)} PASSWORD ${password}`,
      );
      // Tenant moves copy rows verbatim with triggers and foreign-key checks off on the
      // mover's own session (session_replication_role = replica): granted, not superuser.
      if (key === 'owner') {
        await admin.query(
          `GRANT SET ON PARAMETER session_replication_role TO ${admin.escapeIdentifier(role)}`,
        );
      }
      await admin.query('COMMIT');
    } catch (error) {
      await admin.query('ROLLBACK');
      throw error;
    }
  }
}

/**
 * Creates a database owned by the owner role, with the owner allowed to create schemas in it
 * (Plan B clinics) and the runtime roles allowed to connect.
 */
export async function createOwnedDatabase(
  admin: ClientBase,
  name: string,
  template?: string,
): Promise<void> {
  const db = admin.escapeIdentifier(name);
  const from = template ? ` TEMPLATE ${admin.escapeIdentifier(template)}` : '';
  await admin.query(`CREATE DATABASE ${db} OWNER ${ROLES.owner}${from}`);
  await admin.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
  await admin.query(
    `GRANT CONNECT ON DATABASE ${db} TO ${ROLES.app}, ${ROLES.platform}, ${ROLES.portalStats}`,
  );
}
