import pg from 'pg';

import type { ClinicMode } from '../context/bound-clinic';
import { fitAuditText } from '../audit/write-audit-entry';
import { TenancyError } from '../errors';
import { sameServerDatabase, withDatabase } from '../provisioning/database-url';

/** Where a clinic's rows live, as the registry says: enough to reach its audit log. */
export interface ClinicPlace {
  readonly id: string;
  readonly mode: ClinicMode;
  readonly schemaName: string | null;
  readonly databaseUrlRef: string | null;
}

/** One operator action, as the clinic's owners will read it in their audit log. */
export interface PlatformEntry {
  operatorId: string;
  /** `platform.<what>`: the database refuses any other action for an operator's entry. */
  action: `platform.${string}`;
  entityType?: string | null;
  entityId?: string | null;
  reason?: string | null;
  /** A validated client address, or null. */
  ip?: string | null;
  metadata?: Record<string, unknown>;
}

/** A new clinic's first owner: no password yet, a set-password token (its hash only). */
export interface FirstOwnerInvitation {
  operatorId: string;
  email: string;
  name: string;
  tokenHash: string;
  tokenExpiresAt: Date;
  ip?: string | null;
}

/** A parameterised statement, for a caller that runs it inside its own transaction. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** SQLSTATE of `invite_first_owner` when the clinic already has users. */
export const CLINIC_HAS_USERS = 'EV409';

/**
 * The schema holding a clinic's tables in the database that holds them (`public` for shared
 * and database-mode clinics), quoted for SQL. The writer functions live in every schema the
 * migrations ran in, each writing its own schema's tables.
 */
function quotedSchema(clinic: ClinicPlace): string {
  const schema = clinic.mode === 'schema' ? clinic.schemaName : 'public';
  if (!schema || !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TenancyError('CLINIC_NOT_FOUND', 'The clinic has no routable schema.');
  }
  return `"${schema}"`;
}

/**
 * The statement that writes an operator's entry into `clinic`'s own audit log through the
 * database's `record_platform_audit_entry` (SECURITY DEFINER; only the platform role may call
 * it, and only it may write `actor_type = 'platform'`). Run it in the transaction of the change
 * it describes.
 */
export function platformEntryStatement(clinic: ClinicPlace, entry: PlatformEntry): Statement {
  const { ip, reason } = fitAuditText(entry);
  return {
    text: `SELECT ${quotedSchema(clinic)}.record_platform_audit_entry($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8::jsonb)::text AS entry_id`,
    values: [
      clinic.id,
      entry.operatorId,
      entry.action,
      entry.entityType ?? null,
      entry.entityId ?? null,
      reason,
      ip,
      JSON.stringify(entry.metadata ?? {}),
    ],
  };
}

/**
 * The statement that creates a clinic's first owner through `invite_first_owner`: refused with
 * SQLSTATE CLINIC_HAS_USERS once the clinic has any user, and written to the clinic's audit log
 * (`platform.owner_invited`) with the owner and the token, in one transaction. Answers the
 * owner's id as `owner_id`.
 */
export function firstOwnerStatement(
  clinic: ClinicPlace,
  invitation: FirstOwnerInvitation,
): Statement {
  return {
    text: `SELECT ${quotedSchema(clinic)}.invite_first_owner($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz, $7)::text AS owner_id`,
    values: [
      clinic.id,
      invitation.operatorId,
      invitation.email,
      invitation.name,
      invitation.tokenHash,
      invitation.tokenExpiresAt.toISOString(),
      fitAuditText(invitation).ip,
    ],
  };
}

/** True when `error` is the database refusing an owner for a clinic that already has users. */
export function isClinicHasUsers(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  // The SQLSTATE sits at different depths for pg and for Prisma's driver adapter.
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, originalCode, message } = current as Record<string, unknown>;
    if (code === CLINIC_HAS_USERS || originalCode === CLINIC_HAS_USERS) return true;
    if (typeof message === 'string' && message.includes(`Code: \`${CLINIC_HAS_USERS}\``))
      return true;
    const next = current as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
    current = next.meta?.driverAdapterError ?? next.cause;
  }
  return false;
}

/**
 * Writes operators' entries as the platform role (`eventora_platform`) on its own connections:
 * for a clinic whose rows are in another database on this server, and for `asPlatform`, whose
 * entries precede each operation rather than sharing its transaction. Shared and schema-mode
 * clinics are reached through the shared database; a database-mode clinic through its own
 * database (same server, the platform role's credentials); a clinic on another server is
 * refused, so nothing happens to it unaudited.
 */
export class PlatformWriter {
  private readonly pools = new Map<string, pg.Pool>();

  /** @param connectionString the platform role's URL of the shared database. */
  constructor(private readonly connectionString: string) {}

  /** Runs `statements` in one transaction where `clinic`'s rows live; answers each one's rows. */
  async run(
    clinic: ClinicPlace,
    statements: readonly Statement[],
  ): Promise<Record<string, unknown>[][]> {
    const client = await this.poolFor(clinic).connect();
    try {
      await client.query('BEGIN');
      const answers: Record<string, unknown>[][] = [];
      for (const statement of statements) {
        answers.push((await client.query(statement.text, statement.values)).rows);
      }
      await client.query('COMMIT');
      return answers;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Writes one entry into the clinic's own audit log. */
  async record(clinic: ClinicPlace, entry: PlatformEntry): Promise<void> {
    await this.run(clinic, [platformEntryStatement(clinic, entry)]);
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.end()));
  }

  private poolFor(clinic: ClinicPlace): pg.Pool {
    let url = this.connectionString;
    if (clinic.mode === 'database') {
      const database = sameServerDatabase(clinic.databaseUrlRef);
      if (!database) {
        throw new TenancyError(
          'PLATFORM_ACCESS_DENIED',
          'This clinic lives on another server: operators act on it there.',
        );
      }
      url = withDatabase(this.connectionString, database);
    }
    let pool = this.pools.get(url);
    if (!pool) {
      pool = new pg.Pool({ connectionString: url, max: 2 });
      this.pools.set(url, pool);
    }
    return pool;
  }
}
