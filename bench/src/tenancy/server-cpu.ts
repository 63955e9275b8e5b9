import { readFile } from 'node:fs/promises';

import type pg from 'pg';

/** On-CPU nanoseconds of each backend of the bench database, by pid. */
export type CpuSnapshot = Map<number, number>;

/**
 * Reads how much CPU the Postgres backends serving the benchmark have used, from Linux's
 * /proc/<pid>/schedstat (nanoseconds on CPU). Works when the server runs on this machine and
 * in this pid namespace; otherwise `available` is false and nothing is reported.
 */
export class ServerCpu {
  private constructor(
    private readonly admin: pg.Client,
    readonly available: boolean,
  ) {}

  static async open(admin: pg.Client): Promise<ServerCpu> {
    const { rows } = await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const readable = await readFile(`/proc/${rows[0]!.pid}/schedstat`, 'utf8').then(
      () => true,
      () => false,
    );
    return new ServerCpu(admin, readable);
  }

  async snapshot(): Promise<CpuSnapshot> {
    const snapshot: CpuSnapshot = new Map();
    if (!this.available) return snapshot;
    const { rows } = await this.admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    for (const { pid } of rows) {
      const stat = await readFile(`/proc/${pid}/schedstat`, 'utf8').catch(() => undefined);
      if (stat) snapshot.set(pid, Number(stat.split(' ')[0]));
    }
    return snapshot;
  }

  /** Microseconds of CPU the backends used between two snapshots. */
  static usedMicros(before: CpuSnapshot, after: CpuSnapshot): number {
    let nanos = 0;
    for (const [pid, used] of after) nanos += used - (before.get(pid) ?? 0);
    return nanos / 1000;
  }
}
