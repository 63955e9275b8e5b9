// The writers of bench:move, in a process of their own: the bench forks this file so that the
// latency it records is what another clinic's request would see from its own process (in
// production the move is its own process too, `pnpm tenant:move`), not the move's or the
// bench's work queued on the same event loop. Told the clinics on argv (JSON), it books at each
// until the parent sends 'stop', then sends back each clinic's write latencies and exits.
import pg from 'pg';

/** What a writer needs of a clinic. */
export interface WriterClinic {
  id: string;
  userId: string;
  therapistId: string;
  branchId: string;
}

export interface WritersStart {
  appUrl: string;
  clinics: WriterClinic[];
  /** Hourly slots are booked from here on; each run starts where the last one stopped. */
  firstSlot: number;
}

/** Sent to the parent: 'ready' once every writer is connected, then the samples. */
export type WritersMessage =
  | { type: 'ready' }
  | {
      type: 'samples';
      samples: number[][];
      /** When each sample's write began (ms since the epoch), alongside `samples`. */
      startedAt: number[][];
      nextSlot: number;
    };

const start = JSON.parse(process.argv[2]!) as WritersStart;
const running = { on: true };
let slot = start.firstSlot;

process.on('message', (message) => {
  if (message === 'stop') running.on = false;
});

/**
 * One booking at a time, as the runtime role with the clinic bound, wherever the registry routes
 * it (the shared schema, its schema, or its database on this server); frozen refusals skipped.
 */
async function writeLoop(
  clinic: WriterClinic,
  samples: number[],
  startedAt: number[],
  ready: () => void,
) {
  const registry = new pg.Client({ connectionString: start.appUrl });
  await registry.connect();
  ready();
  const databases = new Map<string, pg.Client>();
  const clientFor = async (database: string | undefined) => {
    if (!database) return registry;
    let client = databases.get(database);
    if (!client) {
      const url = new URL(start.appUrl);
      url.pathname = `/${database}`;
      client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      databases.set(database, client);
    }
    return client;
  };
  try {
    while (running.on) {
      const started = performance.now();
      const at = new Date(slot++ * 3_600_000);
      let client = registry;
      try {
        const { rows } = await registry.query<{ schema: string | null; database: string | null }>(
          `SELECT CASE mode WHEN 'schema' THEN schema_name END AS schema,
                  CASE mode WHEN 'database' THEN substring(database_url_ref FROM '^database:(.*)$') END AS database
             FROM clinics WHERE id = $1`,
          [clinic.id],
        );
        client = await clientFor(rows[0]?.database ?? undefined);
        await client.query('BEGIN');
        await client.query(
          "SELECT set_config('app.current_tenant', $1, true), set_config('search_path', $2, true)",
          [clinic.id, rows[0]?.schema ?? 'public'],
        );
        await client.query(
          `INSERT INTO reservations (clinic_id, id, client_id, therapist_id, branch_id, starts_at, ends_at)
           VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6)`,
          [
            clinic.id,
            clinic.userId,
            clinic.therapistId,
            clinic.branchId,
            at,
            new Date(at.getTime() + 3_000_000),
          ],
        );
        await client.query('COMMIT');
        samples.push(performance.now() - started);
        startedAt.push(performance.timeOrigin + started);
      } catch {
        await client.query('ROLLBACK').catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  } finally {
    await registry.end();
    for (const client of databases.values()) await client.end();
  }
}

const samples = start.clinics.map(() => [] as number[]);
const startedAt = start.clinics.map(() => [] as number[]);
let connected = 0;
const loops = start.clinics.map((clinic, i) =>
  writeLoop(clinic, samples[i]!, startedAt[i]!, () => {
    if (++connected === start.clinics.length) process.send!({ type: 'ready' } as WritersMessage);
  }),
);
await Promise.all(loops);
process.send!({ type: 'samples', samples, startedAt, nextSlot: slot } as WritersMessage, () =>
  process.exit(0),
);
