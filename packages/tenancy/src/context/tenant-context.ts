import { AsyncLocalStorage } from 'node:async_hooks';

import { TenancyError } from '../errors';
import { isUuid, type BoundClinic } from './bound-clinic';

/*
 * One store per process, not per copy of this module: Next.js bundles server pages and route
 * handlers separately, each with its own copy of this file, and a clinic bound in one must be
 * the clinic the other sees.
 */
const STORE_KEY = Symbol.for('eventora.tenancy.tenant-context');
const registry = globalThis as typeof globalThis & { [STORE_KEY]?: AsyncLocalStorage<BoundClinic> };
const storage = (registry[STORE_KEY] ??= new AsyncLocalStorage<BoundClinic>());

/**
 * Runs `work` with `clinic` bound: every tenant query issued from inside it, however deep in
 * async calls, is scoped to that clinic in the app and in Postgres. Binding the same clinic
 * again with the same access is a no-op; binding a different clinic inside a bound scope
 * throws TENANT_REBIND, so a unit of work can never straddle two clinics. Rebinding the same
 * clinic with a different access (a platform access inside the clinic's own binding, a plain
 * binding inside a platform access, or another platform access) throws ACCESS_REBIND: the
 * inner work would otherwise run under the outer binding and silently lose (or gain) the
 * platform access's read-only rule, expiry and per-operation audit.
 *
 * The result is awaited inside the scope: Prisma's queries are lazy and start when awaited,
 * so a query returned unawaited would otherwise start outside the binding (and fail closed).
 */
export async function runWithClinic<T>(
  clinic: BoundClinic,
  work: () => T | PromiseLike<T>,
): Promise<T> {
  if (!isUuid(clinic.id)) {
    throw new TenancyError('TENANT_NOT_BOUND', 'A clinic id must be a UUID.');
  }
  const current = storage.getStore();
  if (current) {
    if (current.id !== clinic.id) {
      throw new TenancyError(
        'TENANT_REBIND',
        `This unit of work is bound to clinic ${current.slug}; it cannot bind ${clinic.slug}.`,
      );
    }
    if (current.platformAccess !== clinic.platformAccess) {
      throw new TenancyError(
        'ACCESS_REBIND',
        `This unit of work is bound to clinic ${current.slug} ${accessKind(current)}; it cannot rebind it ${accessKind(clinic)}.`,
      );
    }
    return await work();
  }
  return storage.run(Object.freeze({ ...clinic }), async () => await work());
}

function accessKind(clinic: BoundClinic): string {
  return clinic.platformAccess
    ? `as operator ${clinic.platformAccess.operatorId}'s platform access`
    : 'as its own';
}

/** The clinic bound to the current unit of work, if any. */
export function currentClinic(): BoundClinic | undefined {
  return storage.getStore();
}

/** The bound clinic; throws TENANT_NOT_BOUND when there is none (fail closed). */
export function requireClinic(): BoundClinic {
  const clinic = storage.getStore();
  if (!clinic) {
    throw new TenancyError('TENANT_NOT_BOUND', 'No clinic is bound to this unit of work.');
  }
  return clinic;
}
