import { createHash } from 'node:crypto';
import type pg from 'pg';
import { currentSchemas } from './ledger';
import { byName, type Migration } from './load-migrations';
import { MigrationError } from './migration-error';
import { migrateTarget } from './migrate-target';
import { connectTarget, logMessageOf, schemaOf, type MigrationTarget } from './target';

/**
 * What became of one target: `applied` (this run applied migrations), `current` (nothing was
 * pending), `failed`, `not_attempted` (the run stopped first), `done_before` (skipped on
 * `--resume`: the run being resumed finished it).
 */
export type FleetTargetStatus = 'applied' | 'current' | 'failed' | 'not_attempted' | 'done_before';

export interface FleetTargetResult {
  label: string;
  /** The clinic's slug; absent for the shared schema. */
  clinic?: string;
  /** `host:port` of the target's server. */
  server: string;
  database: string;
  schema: string;
  status: FleetTargetStatus;
  /** Migrations this run applied to the target. */
  applied: string[];
  /** Wall time of the target, connection included (absent when it did not run). */
  durationMs?: number;
  /**
   * Found current by its ledger, read with other schemas' ledgers of its database in one query:
   * no session or round trip of its own (no `durationMs`).
   */
  checkedInBulk?: true;
  /** The migration that failed, when one did. */
  migration?: string;
  error?: string;
}

export interface FleetServer {
  server: string;
  targets: number;
  /** Targets migrated at once on this server: `concurrency`, capped by its connection budget. */
  concurrency: number;
  /** Sessions opened on this server (each is reused for many targets of one database). */
  connectionsOpened: number;
  /** Targets found current by the bulk ledger read, never visited one by one. */
  checkedInBulk: number;
}

/** A fleet run's report: what `pnpm db:migrate --json` prints and `--resume` reads back. */
export interface FleetReport {
  ok: boolean;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  migrations: { count: number; fingerprint: string };
  /** The target that ran alone first; absent when nothing ran. */
  canary?: string;
  servers: FleetServer[];
  counts: Record<FleetTargetStatus, number>;
  targets: FleetTargetResult[];
}

export interface FleetOptions {
  /** Targets migrated at once per server (default 4). */
  concurrency?: number;
  /** How many sessions a server may be given (default {@link freeConnectionBudget}). */
  connectionBudget?: (target: MigrationTarget) => Promise<number>;
  /** Labels the resumed run finished: they are reported `done_before` and not touched. */
  doneBefore?: ReadonlySet<string>;
  /**
   * A session is closed and replaced after this many targets (default 500): a backend's
   * relation cache grows with every schema it touches, so it is not kept for ever.
   */
  targetsPerConnection?: number;
  /** Called as each target ends (the progress line); `done` of `total` targets to run. */
  onTarget?: (result: FleetTargetResult, done: number, total: number) => void;
}

/** Fewest ledgers one session reads in bulk: below that, another session costs more than it saves. */
const LEDGERS_PER_LANE = 250;

/** Fingerprint of a migration set (names and checksums): `--resume` refuses another set. */
export function migrationsFingerprint(migrations: Migration[]): string {
  const hash = createHash('sha256');
  for (const migration of [...migrations].sort((a, b) => byName(a.name, b.name)))
    hash.update(`${migration.name}\0${migration.checksum}\n`);
  return hash.digest('hex');
}

/** `host:port` of a connection string: targets on one server share its connection budget. */
export function serverOf(connectionString: string): string {
  const url = new URL(connectionString);
  return `${url.hostname}:${url.port || '5432'}`;
}

/**
 * Half of the connection slots the target's server has free now (at least 1): the fleet's
 * migration never takes the connections the running apps need.
 */
export async function freeConnectionBudget(target: MigrationTarget): Promise<number> {
  const client = await connectTarget(target);
  try {
    const { rows } = await client.query<{ free: number }>(
      `SELECT current_setting('max_connections')::int
              - current_setting('superuser_reserved_connections')::int
              - coalesce(current_setting('reserved_connections', true), '0')::int
              - (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend') AS free`,
    );
    return Math.max(1, Math.floor((rows[0]?.free ?? 0) / 2));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Migrates a fleet: the first target to run is the canary and runs alone; if it succeeds the
 * others run server by server in parallel. On each server, the ledgers of a database's clinic
 * schemas are first read together, a few queries for thousands of schemas, and the schemas
 * they show current are done (`checkedInBulk`): a no-op run costs no session per schema. The
 * rest — pending migrations, a changed checksum, an unfinished entry, no ledger, and every
 * `public` schema (its Citus step runs each time) — are visited `concurrency` at a time (capped
 * by the server's connection budget), each worker reusing one session for consecutive targets
 * of a database, and judged by `migrateTarget` (a changed checksum fails there). The first
 * failure stops the run: no new target starts anywhere (running ones finish). Re-running is
 * always safe (applied migrations are skipped); `doneBefore` skips the targets a previous run
 * finished, so a resumed run of 10,000 targets starts where it stopped.
 */
export async function migrateFleet(
  targets: MigrationTarget[],
  migrations: Migration[],
  options: FleetOptions = {},
): Promise<FleetReport> {
  const startedAt = new Date();
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const perConnection = Math.max(1, options.targetsPerConnection ?? 500);
  const budgetOf = options.connectionBudget ?? freeConnectionBudget;

  const results: FleetTargetResult[] = targets.map((target) => {
    const url = new URL(target.connectionString);
    const done = options.doneBefore?.has(target.label) ?? false;
    return {
      label: target.label,
      ...(target.clinic ? { clinic: target.clinic } : {}),
      server: serverOf(target.connectionString),
      database: decodeURIComponent(url.pathname.slice(1)),
      schema: schemaOf(target),
      status: done ? 'done_before' : 'not_attempted',
      applied: [],
    };
  });
  const toRun = results.flatMap((result, index) =>
    result.status === 'done_before' ? [] : [index],
  );
  const opened = new Map<string, number>();
  let finished = 0;
  let stopped = false;

  const attempt = async (index: number, session: Session): Promise<void> => {
    const target = targets[index]!;
    const started = Date.now();
    try {
      const client = await session.for(target);
      const report = await migrateTarget(target, migrations, { client });
      await session.release();
      results[index] = {
        ...results[index]!,
        status: report.applied.length > 0 ? 'applied' : 'current',
        applied: report.applied,
        durationMs: Date.now() - started,
      };
    } catch (error) {
      stopped = true;
      await session.close();
      const migration = error instanceof MigrationError ? error.migration : undefined;
      results[index] = {
        ...results[index]!,
        status: 'failed',
        durationMs: Date.now() - started,
        ...(migration ? { migration } : {}),
        error: logMessageOf(error),
      };
    }
    options.onTarget?.(results[index]!, ++finished, toRun.length);
  };
  /** Whether each of `indexes` (schemas of one database) is current, by its ledger. */
  const readLedgers = async (indexes: number[], server: string): Promise<Set<string>> => {
    const client = await connectTarget(targets[indexes[0]!]!);
    opened.set(server, (opened.get(server) ?? 0) + 1);
    try {
      return await currentSchemas(
        client,
        indexes.map((index) => schemaOf(targets[index]!)),
        migrations,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  /**
   * Marks the targets whose ledgers show them current, read on up to `lanes` sessions per
   * database; returns those still to visit.
   */
  const skipCurrent = async (ordered: number[], server: string, lanes: number) => {
    const byUrl = new Map<string, number[]>();
    for (const index of ordered) {
      if (schemaOf(targets[index]!) === 'public') continue;
      const url = targets[index]!.connectionString;
      byUrl.set(url, [...(byUrl.get(url) ?? []), index]);
    }
    const done = new Set<number>();
    for (const indexes of byUrl.values()) {
      if (stopped) break;
      const size = Math.max(LEDGERS_PER_LANE, Math.ceil(indexes.length / lanes));
      const slices = Array.from({ length: Math.ceil(indexes.length / size) }, (_, i) =>
        indexes.slice(i * size, (i + 1) * size),
      );
      const current = await Promise.all(slices.map((slice) => readLedgers(slice, server))).catch(
        // Unread ledgers prove nothing: each target is visited and fails or passes on its own.
        () => [],
      );
      for (const index of indexes) {
        if (!current.some((set) => set.has(schemaOf(targets[index]!)))) continue;
        done.add(index);
        results[index] = { ...results[index]!, status: 'current', checkedInBulk: true };
        options.onTarget?.(results[index]!, ++finished, toRun.length);
      }
    }
    return ordered.filter((index) => !done.has(index));
  };
  const newSession = (server: string) =>
    new Session(perConnection, () => opened.set(server, (opened.get(server) ?? 0) + 1));

  const [canary, ...rest] = toRun;
  if (canary !== undefined) {
    const session = newSession(results[canary]!.server);
    await attempt(canary, session);
    await session.close();
  }

  const queues = new Map<string, number[]>();
  for (const index of rest) {
    const server = results[index]!.server;
    queues.set(server, [...(queues.get(server) ?? []), index]);
  }
  const servers: FleetServer[] = [];
  await Promise.all(
    [...queues].map(async ([server, queue]) => {
      // A server's targets are taken database by database, so a worker's session carries over.
      const ordered = byDatabase(queue, targets);
      const budget = stopped ? 1 : await budgetOf(targets[ordered[0]!]!).catch(() => 1);
      const lanes = Math.max(1, Math.min(concurrency, budget));
      const toVisit = stopped ? ordered : await skipCurrent(ordered, server, lanes);
      const width = Math.max(1, Math.min(lanes, toVisit.length));
      servers.push({
        server,
        targets: ordered.length,
        concurrency: width,
        connectionsOpened: 0,
        checkedInBulk: ordered.length - toVisit.length,
      });
      let next = 0;
      const worker = async (): Promise<void> => {
        const session = newSession(server);
        try {
          while (!stopped && next < toVisit.length) await attempt(toVisit[next++]!, session);
        } finally {
          await session.close();
        }
      };
      await Promise.all(Array.from({ length: Math.min(width, toVisit.length) }, worker));
    }),
  );
  if (canary !== undefined && !queues.has(results[canary]!.server)) {
    servers.push({
      server: results[canary]!.server,
      targets: 0,
      concurrency: 1,
      connectionsOpened: 0,
      checkedInBulk: 0,
    });
  }
  for (const entry of servers) entry.connectionsOpened = opened.get(entry.server) ?? 0;
  servers.sort((a, b) => a.server.localeCompare(b.server));

  const finishedAt = new Date();
  const counts: Record<FleetTargetStatus, number> = {
    applied: 0,
    current: 0,
    failed: 0,
    not_attempted: 0,
    done_before: 0,
  };
  for (const result of results) counts[result.status]++;
  return {
    ok: counts.failed === 0 && counts.not_attempted === 0,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    migrations: { count: migrations.length, fingerprint: migrationsFingerprint(migrations) },
    ...(canary !== undefined ? { canary: results[canary]!.label } : {}),
    servers,
    counts,
    targets: results,
  };
}

/** Indexes grouped by database, databases in order of first appearance. */
function byDatabase(queue: number[], targets: MigrationTarget[]): number[] {
  const groups = new Map<string, number[]>();
  for (const index of queue) {
    const key = targets[index]!.connectionString;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  }
  return [...groups.values()].flat();
}

/** One worker's session, reused while consecutive targets are in the same database. */
class Session {
  private client: pg.Client | undefined;
  private url: string | undefined;
  private uses = 0;

  constructor(
    private readonly perConnection: number,
    private readonly onOpen: () => void,
  ) {}

  async for(target: MigrationTarget): Promise<pg.Client> {
    if (this.client && this.url === target.connectionString && this.uses < this.perConnection) {
      this.uses++;
      return this.client;
    }
    await this.close();
    this.client = await connectTarget(target);
    this.onOpen();
    this.url = target.connectionString;
    this.uses = 1;
    return this.client;
  }

  /** Releases the target's migration lock and any session state its migrations set. */
  async release(): Promise<void> {
    try {
      await this.client?.query('DISCARD ALL');
    } catch {
      await this.close();
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
