import { z } from 'zod';
import { countServerConnectionsAt, dedicatedName, type ServerConnections } from '@eventora/tenancy';

import type { ApiServices } from '../../../services';
import { ZServerState, ZStatus } from '../../../schemas/admin';

export const ZServerView = z.object({
  name: z.string(),
  region: z.string(),
  state: ZServerState,
  capacity: z.number(),
  clinics: z.array(
    z.object({
      id: z.uuid(),
      slug: z.string(),
      name: z.string(),
      status: ZStatus,
      /** Live connections to the clinic's database; null when the server could not be asked. */
      connections: z.number().nullable(),
    }),
  ),
  /** Live connections to any database of the server; null when it could not be asked. */
  connections: z.number().nullable(),
  /** Why there is no count (a secret's name, never a URL). */
  connectionsUnavailable: z.string().nullable(),
});
export type ServerView = z.infer<typeof ZServerView>;

/** The console's secrets by name (the same the move engine resolves clinics' references with). */
function secretsOf(services: ApiServices): (name: string) => string | undefined {
  return services.moves?.secrets ?? (() => undefined);
}

/**
 * The database a placed clinic's runtime URL names (the router goes there), or, when this
 * process does not hold that secret, the name provisioning gives it.
 */
function clinicDatabase(services: ApiServices, slug: string, ref: string | null): string {
  const url = ref ? secretsOf(services)(ref) : undefined;
  if (url && URL.canParse(url)) {
    const database = decodeURIComponent(new URL(url).pathname.slice(1));
    if (database) return database;
  }
  return dedicatedName(slug, 'database');
}

/** How long the list waits for a server before showing it as unreachable. */
const SERVER_TIMEOUT_MS = 3_000;

/**
 * Asks a server for its live connections with the owner URL its `url_ref` names. A missing
 * secret or an unreachable server is shown, not thrown: the list is for finding such a server.
 * Neither the URL nor the driver's message (which may hold a host name) reaches the console.
 */
async function liveConnections(
  services: ApiServices,
  server: { name: string; urlRef: string },
  databases: string[],
): Promise<ServerConnections | { unavailable: string }> {
  const url = secretsOf(services)(server.urlRef);
  if (!url) return { unavailable: `This console does not hold the secret ${server.urlRef}.` };
  try {
    return await countServerConnectionsAt(url, databases, { timeoutMs: SERVER_TIMEOUT_MS });
  } catch (error) {
    services.logger?.warn({ server: server.name, err: error }, 'database server unreachable');
    return { unavailable: 'The server did not answer.' };
  }
}

/** Every registered server with its clinics and their live connections, by name. */
export async function listServerViews(services: ApiServices): Promise<ServerView[]> {
  const servers = await services.platform.databaseServer.findMany({
    select: {
      name: true,
      urlRef: true,
      region: true,
      state: true,
      capacity: true,
      clinics: {
        select: { id: true, slug: true, name: true, status: true, databaseUrlRef: true },
        orderBy: { slug: 'asc' },
      },
    },
    orderBy: { name: 'asc' },
  });
  return Promise.all(
    servers.map(async (server) => {
      const databases = server.clinics.map((clinic) =>
        clinicDatabase(services, clinic.slug, clinic.databaseUrlRef),
      );
      const live = await liveConnections(services, server, databases);
      const counted = 'total' in live ? live : undefined;
      return {
        name: server.name,
        region: server.region,
        state: server.state,
        capacity: server.capacity,
        clinics: server.clinics.map((clinic, index) => ({
          id: clinic.id,
          slug: clinic.slug,
          name: clinic.name,
          status: clinic.status,
          connections: counted ? (counted.byDatabase[databases[index]!] ?? 0) : null,
        })),
        connections: counted ? counted.total : null,
        connectionsUnavailable: 'unavailable' in live ? live.unavailable : null,
      };
    }),
  );
}
