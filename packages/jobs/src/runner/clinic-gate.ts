import { readClinicRecord, type ClinicRecord } from '@eventora/tenancy';
import type pg from 'pg';

/** What to do with a clinic's job given the clinic's registry entry now. */
export type Gate =
  /** Run; `clinic.status` is `suspended` when the queue runs limited for a suspended clinic. */
  | { action: 'run'; clinic: ClinicRecord }
  /** Put back for later: the clinic is frozen or moving (a tenant move), or suspended and the queue waits. */
  | { action: 'defer'; reason: 'frozen' | 'suspended' }
  /** Not run, not retried: the clinic is gone, or suspended and the queue drops. */
  | { action: 'drop'; reason: 'unknown clinic' | 'suspended' };

/** Reads the registry and decides: run, put back for later, or drop. */
export async function clinicGate(
  registry: pg.Pool,
  clinicId: string,
  whenSuspended: 'drop' | 'wait' | 'limited',
): Promise<Gate> {
  const clinic = await readClinicRecord(registry, clinicId);
  if (!clinic) return { action: 'drop', reason: 'unknown clinic' };
  switch (clinic.status) {
    case 'active':
      return { action: 'run', clinic };
    case 'frozen':
    case 'moving':
      return { action: 'defer', reason: 'frozen' };
    case 'suspended':
      if (whenSuspended === 'limited') return { action: 'run', clinic };
      return whenSuspended === 'wait'
        ? { action: 'defer', reason: 'suspended' }
        : { action: 'drop', reason: 'suspended' };
  }
}

/** A write refused because the clinic froze for a move while the job ran (see tenancy's moves). */
export function isClinicFrozenError(error: unknown): boolean {
  const candidate = error as { code?: unknown; message?: unknown } | null;
  if (!candidate || typeof candidate !== 'object') return false;
  if (candidate.code === 'CLINIC_FROZEN') return true;
  return typeof candidate.message === 'string' && candidate.message.includes('CLINIC_FROZEN:');
}
