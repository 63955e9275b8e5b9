import type { ApiServices } from '../../../services';

export interface ClinicUsage {
  users: number;
  clients: number;
  reservations: number;
  reservationsLast30Days: number;
  activeSessions: number;
  approximateBytes: number;
}

interface UsageRow {
  users: bigint;
  clients: bigint;
  reservations: bigint;
  reservations_last_30_days: bigint;
  active_sessions: bigint;
  approximate_bytes: bigint;
}

/**
 * A clinic's figures for the console, read from the `clinic_usage` view with that clinic bound
 * (the view is security_invoker: RLS applies, counts only, no patient data). Null for a clinic
 * that is not open (suspended or still provisioning): the router refuses to bind it.
 */
export async function clinicUsage(
  services: ApiServices,
  clinicId: string,
): Promise<ClinicUsage | null> {
  try {
    const [row] = await services.tenants.withClinic(
      clinicId,
      (db) => db.$queryRaw<UsageRow[]>`SELECT * FROM clinic_usage`,
    );
    if (!row) return null;
    return {
      users: Number(row.users),
      clients: Number(row.clients),
      reservations: Number(row.reservations),
      reservationsLast30Days: Number(row.reservations_last_30_days),
      activeSessions: Number(row.active_sessions),
      approximateBytes: Number(row.approximate_bytes),
    };
  } catch (error) {
    if ((error as { code?: string }).code === 'CLINIC_NOT_FOUND') return null;
    throw error;
  }
}
