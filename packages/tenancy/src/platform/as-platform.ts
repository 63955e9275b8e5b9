import type { TenantClient } from '../client/tenant-client';
import { runWithClinic } from '../context/tenant-context';
import { TenancyError } from '../errors';
import type { ClinicRecord } from '../router/clinic-record';
import type { TenantRouter } from '../router/tenant-router';
import type { PlatformWriter } from './platform-writer';

/** Longest look into a clinic one grant allows. */
export const MAX_PLATFORM_ACCESS_MINUTES = 60;

export interface PlatformAccessRequest {
  /** The platform operator's id (platform_operators.id). */
  operatorId: string;
  /** Why: shown to the clinic's owners in their audit log. */
  reason: string;
  /** Slug or id of the one clinic to open. */
  clinic: string;
  /** When the access ends (at most MAX_PLATFORM_ACCESS_MINUTES from now). */
  expiresAt: Date;
  /** Break-glass reads are read-only; support fixes that write must say so. */
  readOnly?: boolean;
  /** The operator's IP address (validated), for the audit entries. */
  ip?: string;
  /**
   * Writes the entries as the platform role: the runtime role that runs the work may not
   * write an operator's entry (the audit trigger refuses `actor_type = 'platform'` from it).
   */
  writer: PlatformWriter;
}

/**
 * The one way a platform operator reaches a clinic's data. Opens exactly one clinic, for a
 * stated reason and a limited time, and writes to that clinic's own audit log: one entry when
 * the access opens and one before every operation it runs, so the clinic's owners see who
 * looked, when, at what and why. Expired access and, when read-only, any write or raw SQL are
 * refused by the tenant client. There is no switch that turns RLS off: the work runs as the
 * runtime role with the clinic bound, like any request of the clinic's own staff.
 */
export async function asPlatform<T>(
  router: TenantRouter,
  request: PlatformAccessRequest,
  work: (db: TenantClient, clinic: ClinicRecord) => Promise<T>,
): Promise<T> {
  const reason = request.reason.trim();
  if (reason.length < 10) {
    throw new TenancyError(
      'PLATFORM_ACCESS_DENIED',
      'Say why you need this clinic’s data (10 characters at least).',
    );
  }
  const remaining = request.expiresAt.getTime() - Date.now();
  if (remaining <= 0 || remaining > MAX_PLATFORM_ACCESS_MINUTES * 60_000) {
    throw new TenancyError(
      'PLATFORM_ACCESS_DENIED',
      `Platform access lasts between now and ${MAX_PLATFORM_ACCESS_MINUTES} minutes.`,
    );
  }
  const { clinic, db } = await router.resolve(request.clinic);
  const readOnly = request.readOnly ?? true;

  const audit = (
    action: `platform.${string}`,
    entityType: string,
    metadata: Record<string, unknown>,
  ) =>
    request.writer.record(clinic, {
      operatorId: request.operatorId,
      action,
      entityType,
      reason,
      ip: request.ip ?? null,
      metadata,
    });

  return runWithClinic(
    {
      ...clinic,
      platformAccess: {
        operatorId: request.operatorId,
        reason,
        expiresAt: request.expiresAt,
        readOnly,
        recordOperation: async (model, operation) => {
          await audit('platform.operation', model ?? 'raw', { operation });
        },
      },
    },
    async () => {
      await audit('platform.access', 'clinic', {
        expiresAt: request.expiresAt.toISOString(),
        readOnly,
      });
      return work(db, clinic);
    },
  );
}
