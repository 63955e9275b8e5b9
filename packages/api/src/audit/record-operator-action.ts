import { TRPCError } from '@trpc/server';
import type { PlatformClient } from '@eventora/auth';
import {
  platformEntryStatement,
  type ClinicPlace,
  type PlatformEntry,
  type PlatformWriter,
  type Prisma,
  type Statement,
  writePlatformAudit,
} from '@eventora/tenancy';

import type { RequestMeta } from '../context';
import type { ApiServices } from '../services';

/** The platform client inside one of its transactions. */
export type PlatformTransaction = Parameters<Parameters<PlatformClient['$transaction']>[0]>[0];

/** The operator acting, from a console procedure's ctx. */
export interface OperatorActor {
  services: ApiServices;
  operator: { id: string };
  request: Pick<RequestMeta, 'ip'>;
}

/** What one operator action writes: the clinic's entry (its owners read it) and the platform's. */
export interface OperatorAction<T = unknown> {
  /** `platform.<what>` in the clinic's own audit log. */
  action: PlatformEntry['action'];
  /** The action's name in the platform audit log (`clinic.suspend`). */
  platformAction: string;
  reason?: string;
  entityType?: string;
  entityId?: string;
  /** Details for both entries; a function of the change's result when they name what it made. */
  metadata?: Prisma.InputJsonObject | ((result: T) => Prisma.InputJsonObject);
  /** The clinic's statements to run before the entry, in its transaction (the first owner). */
  clinicStatements?: Statement[];
}

/** The console's writer of operators' entries (absent in the portal, which has no operators). */
export function platformWriterOf(services: ApiServices): PlatformWriter {
  if (!services.platformWriter) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This process cannot act on clinics as an operator.',
    });
  }
  return services.platformWriter;
}

/**
 * Runs an operator's change to one clinic together with its record: the entry in that clinic's
 * own audit log (through the database's platform writer function; the runtime role cannot write
 * an operator's entry) and the entry in the platform audit log, in ONE transaction with
 * `change` (registry writes through the platform client), so no change happens unrecorded and
 * no entry claims a change that rolled back. A refusal is recorded the same way, with no change.
 *
 * A clinic in a database of its own cannot share a transaction with the registry: its entry
 * (and `clinicStatements`) commit in its database while the registry's transaction is still
 * open, and that transaction commits after; a failure there leaves an entry saying the change
 * was attempted, never a change without an entry.
 */
export async function recordOperatorAction<T = void>(
  { services, operator, request }: OperatorActor,
  clinic: ClinicPlace,
  entry: OperatorAction<NoInfer<T>>,
  change?: (tx: PlatformTransaction) => PromiseLike<T>,
): Promise<{ result: T | undefined; rows: Record<string, unknown>[] }> {
  const ip = request.ip ?? null;
  return services.platform.$transaction(async (tx) => {
    const result = change ? await change(tx) : undefined;
    const metadata =
      typeof entry.metadata === 'function' ? entry.metadata(result as T) : (entry.metadata ?? {});
    const statements = [
      ...(entry.clinicStatements ?? []),
      platformEntryStatement(clinic, {
        operatorId: operator.id,
        action: entry.action,
        entityType: entry.entityType ?? 'Clinic',
        entityId: entry.entityId ?? clinic.id,
        reason: entry.reason ?? null,
        ip,
        metadata,
      }),
    ];
    const answers: Record<string, unknown>[][] = [];
    if (clinic.mode === 'database') {
      answers.push(...(await platformWriterOf(services).run(clinic, statements)));
    } else {
      for (const statement of statements) {
        answers.push(await tx.$queryRawUnsafe(statement.text, ...statement.values));
      }
    }
    await writePlatformAudit(tx, {
      operatorId: operator.id,
      action: entry.platformAction,
      clinicId: clinic.id,
      reason: entry.reason,
      ip,
      metadata,
    });
    // What the first statement answered: the first owner's id, when inviting one.
    return { result, rows: answers[0] ?? [] };
  });
}
