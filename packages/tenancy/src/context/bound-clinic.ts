/** Where a clinic's data lives: the shared schema, its own schema, or its own database. */
export type ClinicMode = 'shared' | 'schema' | 'database';

/** The clinic a unit of work is bound to, as the registry described it when it was bound. */
export interface BoundClinic {
  readonly id: string;
  readonly slug: string;
  readonly mode: ClinicMode;
  /** Registry routing version at bind time: a router compares it to notice routing flips. */
  readonly routingVersion: number;
  /**
   * The Postgres schema holding the clinic's tables: `public` unless it has a schema of its
   * own. Raw SQL of the unit of work resolves unqualified names there.
   */
  readonly schema: string;
  /** Present when a platform operator, not the clinic's own people, is doing the work. */
  readonly platformAccess?: PlatformAccess;
}

/** An operator's audited, time-limited look into one clinic (see platform/as-platform.ts). */
export interface PlatformAccess {
  readonly operatorId: string;
  readonly reason: string;
  readonly expiresAt: Date;
  /** Read-only access refuses every write, raw SQL included. */
  readonly readOnly: boolean;
  /** Records one operation in the clinic's audit log before it runs. */
  readonly recordOperation: (model: string | undefined, operation: string) => Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
