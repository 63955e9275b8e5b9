import { DEV_ROLE_PASSWORDS, devRoleUrl, startEmbeddedPostgres } from '@eventora/db/dev';
import { bootstrapRoles, createOwnedDatabase } from '@eventora/db/roles';
import { secondServerPort } from './env';
import { withClient } from '../with-client';

/** Another PostgreSQL server, for tests of a fleet spread over servers. */
export interface SecondServer {
  /** Superuser URL. */
  adminUrl: string;
  /** Creates a database owned by the owner role there; its owner role's URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway embedded PostgreSQL (the test server is another one) with Eventora's
 * roles bootstrapped, on EVENTORA_TEST_SECOND_PG_PORT or a free port.
 */
export async function startSecondServer(): Promise<SecondServer> {
  const server = await startEmbeddedPostgres({ port: secondServerPort() });
  try {
    await withClient(server.adminUrl, (admin) => bootstrapRoles(admin, DEV_ROLE_PASSWORDS));
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    adminUrl: server.adminUrl,
    createDatabase: async (name) => {
      await withClient(server.adminUrl, (admin) => createOwnedDatabase(admin, name));
      return devRoleUrl(server.adminUrl, 'owner', name);
    },
    stop: () => server.stop(),
  };
}
