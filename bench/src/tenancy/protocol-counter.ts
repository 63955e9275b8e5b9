import pg from 'pg';

/** What went over the wire, counted at pg's protocol layer. */
export interface ProtocolCounts {
  /**
   * Round trips: Sync messages (the end of an extended-protocol pipeline) plus simple-protocol
   * Query messages. The client waits for ReadyForQuery after each, so each is one round trip.
   */
  roundTrips: number;
  /** Statements executed: Execute messages plus simple-protocol Query messages. */
  statements: number;
}

interface CountedMethods {
  sync(this: unknown): void;
  execute(this: unknown, ...args: unknown[]): void;
  query(this: unknown, ...args: unknown[]): void;
}

/**
 * Counts protocol messages of every pg connection in this process (Prisma's adapter and the
 * tenancy binding pool both sit on pg, so all four contenders are counted the same way) while
 * `work` runs. Only one contender may run meanwhile. The original methods are put back after.
 */
export async function countProtocol(work: () => Promise<void>): Promise<ProtocolCounts> {
  const prototype = (pg as unknown as { Connection: { prototype: CountedMethods } }).Connection
    .prototype;
  const original = { sync: prototype.sync, execute: prototype.execute, query: prototype.query };
  const counts: ProtocolCounts = { roundTrips: 0, statements: 0 };
  prototype.sync = function (this: unknown) {
    counts.roundTrips++;
    original.sync.call(this);
  };
  prototype.execute = function (this: unknown, ...args: unknown[]) {
    counts.statements++;
    original.execute.apply(this, args);
  };
  prototype.query = function (this: unknown, ...args: unknown[]) {
    counts.roundTrips++;
    counts.statements++;
    original.query.apply(this, args);
  };
  try {
    await work();
  } finally {
    Object.assign(prototype, original);
  }
  return counts;
}
