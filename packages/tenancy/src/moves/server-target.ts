import type pg from 'pg';

import {
  clinicLoginRoles,
  clinicRoleName,
  ensureClinicRole,
  lintClinicRoles,
} from '../provisioning/clinic-role';
import { placeDatabaseClinic } from '../provisioning/database-servers';
import { ensureDatabase } from '../provisioning/provision-clinic';
import { withDatabase } from '../provisioning/database-url';
import { withClient } from '../with-client';
import { appEndpoint, ownerEndpoint, type Location, type MoveConnections } from './location';
import { MoveError } from './move-error';

/** The secret holding a clinic role's password (as `pnpm tenant:db-role` reads it). */
export function clinicPasswordSecret(slug: string): string {
  return `CLINIC_${slug.toUpperCase().replaceAll('-', '_')}_DB_PASSWORD`;
}

interface ServerTarget {
  /** The registered server's owner URL (its `url_ref` secret). */
  serverUrl: string;
  /** The clinic's database there, as `<REF>_OWNER` names it. */
  database: string;
  /** When the runtime URL `<REF>` signs in as one of the clinic's login roles: how to create it. */
  role?: { name: string; adminUrl: string; password: string };
}

/**
 * What a move to a database on a registered server needs, read and checked before anything is
 * written: the server exists (and, for a new move, is open with room: `placement`), its owner
 * secret, the target's runtime and owner URLs (`<REF>`, `<REF>_OWNER`), and — when the runtime
 * URL signs in as the clinic's own role — that role's password (`CLINIC_<SLUG>_DB_PASSWORD`)
 * and a CREATEROLE URL on that server (`<REF>_ADMIN`). Every missing name is reported at once.
 */
export async function serverTarget(
  registry: pg.ClientBase,
  slug: string,
  to: Location,
  options: MoveConnections,
  { placement }: { placement: boolean },
): Promise<ServerTarget | undefined> {
  if (to.mode !== 'database' || !to.databaseServer) return undefined;
  const server = to.databaseServer;
  const { rows } = await registry.query<{ url_ref: string }>(
    'SELECT url_ref FROM database_servers WHERE name = $1',
    [server],
  );
  if (!rows[0]) throw new MoveError('SERVER_REFUSED', `No database server ${server}.`);
  if (placement) {
    await placeDatabaseClinic(registry, { server }).catch((error: unknown) => {
      throw new MoveError('SERVER_REFUSED', (error as Error).message);
    });
  }
  const secret = options.secrets ?? (() => undefined);
  const ref = to.databaseUrlRef!;
  const role = clinicRoleName(slug);
  const missing = [rows[0].url_ref, ref, `${ref}_OWNER`].filter((name) => !secret(name));
  const runtime = secret(ref);
  // The clinic's own login role (`<role>_a` or `_b`), created there by the move.
  const signsInAsClinic =
    runtime !== undefined &&
    URL.canParse(runtime) &&
    clinicLoginRoles(role).includes(decodeURIComponent(new URL(runtime).username));
  if (signsInAsClinic) {
    missing.push(...[clinicPasswordSecret(slug), `${ref}_ADMIN`].filter((name) => !secret(name)));
  }
  if (missing.length > 0) {
    throw new MoveError(
      'SERVER_REFUSED',
      `Moving ${slug} to server ${server} needs the secrets ${missing.join(', ')}; nothing was changed.`,
    );
  }
  const database = decodeURIComponent(new URL(ownerEndpoint(to, options).url).pathname.slice(1));
  if (signsInAsClinic && database !== role) {
    // The clinic-role lint tells a clinic's database by the role's name.
    throw new MoveError(
      'SERVER_REFUSED',
      `${ref}_OWNER names the database ${database}; the clinic role ${role} needs its database named ${role}.`,
    );
  }
  return {
    serverUrl: secret(rows[0].url_ref)!,
    database,
    role: signsInAsClinic
      ? {
          name: role,
          adminUrl: withDatabase(secret(`${ref}_ADMIN`)!, database),
          password: secret(clinicPasswordSecret(slug))!,
        }
      : undefined,
  };
}

/**
 * Creates the clinic's database on the target server (unless it exists) with the server's
 * owner URL, and the clinic's own login role there (or re-asserts it): CONNECT on that database
 * alone. Then lints the server's clinic roles: a role that reaches another clinic's database
 * stops the move before any row is copied.
 */
export async function provisionServerTarget(
  target: ServerTarget,
  to: Location,
  options: MoveConnections,
): Promise<void> {
  await withClient(target.serverUrl, (owner) => ensureDatabase(owner, target.database));
  if (!target.role) return;
  const { name, adminUrl, password } = target.role;
  await withClient(adminUrl, async (admin) => {
    await ensureClinicRole(admin, { role: name, database: target.database, password });
    const findings = await lintClinicRoles(admin);
    if (findings.length > 0) {
      // Stops the move at its provision step (recorded: fix the role, then resume or roll back).
      throw new Error(
        `Clinic roles on server ${to.databaseServer} reach beyond their database: ${findings.map((f) => `${f.role} ${f.message}`).join('; ')}`,
      );
    }
  });
  // The runtime URL works before anything relies on it.
  await withClient(appEndpoint(to, options).url, (client) => client.query('SELECT 1'));
}
