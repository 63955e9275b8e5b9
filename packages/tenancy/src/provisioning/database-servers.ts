import pg, { type ClientBase } from 'pg';

/** open: takes new clinic databases; draining: keeps its clinics, takes none; closed: takes none. */
export type DatabaseServerState = 'open' | 'draining' | 'closed';

/** A registered database server, with the database-mode clinics placed on it. */
export interface DatabaseServer {
  name: string;
  /** The secret holding the owner role's URL of the server (never the URL). */
  urlRef: string;
  region: string;
  capacity: number;
  state: DatabaseServerState;
  clinics: number;
}

/** Registers a server for database-mode clinics (owner role, shared database). */
export async function registerDatabaseServer(
  owner: ClientBase,
  server: { name: string; urlRef: string; region?: string; capacity: number },
): Promise<void> {
  await owner.query(
    `INSERT INTO database_servers (name, url_ref, region, capacity) VALUES ($1, $2, $3, $4)`,
    [server.name, server.urlRef, server.region ?? 'default', server.capacity],
  );
}

/** Opens, drains or closes a server: only open servers take new clinics. */
export async function setDatabaseServerState(
  owner: ClientBase,
  name: string,
  state: DatabaseServerState,
): Promise<void> {
  const { rowCount } = await owner.query(
    'UPDATE database_servers SET state = $2, updated_at = now() WHERE name = $1',
    [name, state],
  );
  if (!rowCount) throw new Error(`No database server ${name}.`);
}

/** Every registered server with its count of database-mode clinics, by name. */
export async function listDatabaseServers(client: ClientBase): Promise<DatabaseServer[]> {
  const { rows } = await client.query<DatabaseServer>(
    `SELECT s.name, s.url_ref AS "urlRef", s.region, s.capacity, s.state::text AS state,
            (SELECT count(*)::int FROM clinics c WHERE c.database_server = s.name) AS clinics
       FROM database_servers s ORDER BY s.name`,
  );
  return rows;
}

/**
 * The placement rule for a new database-mode clinic. With `server`: that server, which must be
 * open and under capacity. Otherwise, among the open servers (of `region`, when given) under
 * capacity, the one with the most room left (then by name). Undefined when no server is
 * registered and no region asked for: the clinic's database goes on the shared server, as
 * before servers existed. Anything else that finds no room throws: a clinic is never placed
 * on a server that is full, draining or closed. Call it holding the placement lock
 * ({@link lockPlacement}) in the transaction that registers the clinic, so two provisionings
 * cannot both take a server's last place.
 */
export async function placeDatabaseClinic(
  client: ClientBase,
  request: { server?: string; region?: string },
): Promise<DatabaseServer | undefined> {
  const servers = await listDatabaseServers(client);
  if (request.server !== undefined) {
    const chosen = servers.find((server) => server.name === request.server);
    if (!chosen) throw new Error(`No database server ${request.server}.`);
    if (chosen.state !== 'open')
      throw new Error(`Database server ${chosen.name} is ${chosen.state}: it takes no new clinic.`);
    if (chosen.clinics >= chosen.capacity)
      throw new Error(`Database server ${chosen.name} is full (${chosen.capacity} clinics).`);
    return chosen;
  }
  if (servers.length === 0 && request.region === undefined) return undefined;
  const [best] = servers
    .filter(
      (server) =>
        server.state === 'open' &&
        server.clinics < server.capacity &&
        (request.region === undefined || server.region === request.region),
    )
    .sort(
      (a, b) => b.capacity - b.clinics - (a.capacity - a.clinics) || a.name.localeCompare(b.name),
    );
  if (!best) {
    throw new Error(
      `No open database server with room${request.region !== undefined ? ` in region ${request.region}` : ''}.`,
    );
  }
  return best;
}

/** Serialises placements until the transaction ends. */
export async function lockPlacement(client: ClientBase): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended('eventora.placement', 0))");
}

/** The name of the secret holding a placed clinic's runtime URL (`…_OWNER`: the owner's). */
export function clinicDatabaseSecret(slug: string): string {
  return `CLINIC_${slug.toUpperCase().replaceAll('-', '_')}_DATABASE_URL`;
}

/** Live connections on one server: to any database, and to each database asked about. */
export interface ServerConnections {
  total: number;
  byDatabase: Record<string, number>;
}

/**
 * Counts the server's live connections from `pg_stat_activity`, for the console's server list:
 * every backend connected to a database, and those connected to each of `databases` (the
 * clinics' databases placed there). Any role may run it: the database of another role's
 * session is visible to all, its query and address are not, and none is read here.
 */
export async function countServerConnections(
  client: ClientBase,
  databases: readonly string[],
): Promise<ServerConnections> {
  const { rows } = await client.query<{ datname: string; connections: number }>(
    `SELECT datname, count(*)::int AS connections
       FROM pg_stat_activity WHERE datname IS NOT NULL AND pid <> pg_backend_pid()
      GROUP BY datname`,
  );
  const byDatabase = Object.fromEntries(databases.map((database) => [database, 0]));
  let total = 0;
  for (const row of rows) {
    total += row.connections;
    if (Object.hasOwn(byDatabase, row.datname)) byDatabase[row.datname] = row.connections;
  }
  return { total, byDatabase };
}

/**
 * {@link countServerConnections} on the server `url` reaches (a server's owner URL), in a short
 * session of its own that gives up after `timeoutMs` (connecting and querying).
 */
export async function countServerConnectionsAt(
  url: string,
  databases: readonly string[],
  { timeoutMs }: { timeoutMs: number },
): Promise<ServerConnections> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    application_name: 'eventora-console',
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await countServerConnections(client, databases);
  } finally {
    await client.end().catch(() => undefined);
  }
}
