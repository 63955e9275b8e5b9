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
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
