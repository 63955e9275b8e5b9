import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { devRoleUrl } from '@eventora/db/dev';
import { createOwnedDatabase } from '@eventora/db/roles';
import './provided';
import { withClient } from '../with-client';

/** A database of its own for one test file, with a URL per role. */
export interface TestDatabase {
  name: string;
  /** Superuser. */
  adminUrl: string;
  /** eventora_owner: owns the tables, runs migrations; RLS still applies (tables FORCE it). */
  ownerUrl: string;
  /** eventora_app: the runtime role; RLS applies. */
  appUrl: string;
  /** eventora_platform: the admin console's control-plane role. */
  platformUrl: string;
  /** eventora_portal_stats: the portal's request-stats writer (api_request_stats alone). */
  portalStatsUrl: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh database on the run's test server: a clone of the migrated template
 * (milliseconds), or with `{ migrated: false }` an empty one for migration tests. Needs the
 * `@eventora/tenancy/testing/global-setup` globalSetup.
 */
export async function createTestDatabase(
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const server = inject('eventoraTestServer');
  if (!server) {
    throw new Error(
      "createTestDatabase needs globalSetup: ['@eventora/tenancy/testing/global-setup'] in the vitest config",
    );
  }
  const name = `${server.databasePrefix}_${randomBytes(5).toString('hex')}`;
  const template = options.migrated === false ? undefined : server.templateDatabase;
  await withClient(server.adminUrl, (admin) => createOwnedDatabase(admin, name, template));
  const adminUrl = new URL(server.adminUrl);
  adminUrl.pathname = `/${name}`;
  return {
    name,
    adminUrl: adminUrl.toString(),
    ownerUrl: devRoleUrl(server.adminUrl, 'owner', name),
    appUrl: devRoleUrl(server.adminUrl, 'app', name),
    platformUrl: devRoleUrl(server.adminUrl, 'platform', name),
    portalStatsUrl: devRoleUrl(server.adminUrl, 'portalStats', name),
    drop: () =>
      withClient(server.adminUrl, async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}
