import { describe, expect, it, vi } from 'vitest';

const clinic = {
  id: '0195f1a0-0000-7000-8000-00000000000a',
  slug: 'alpha',
  mode: 'shared' as const,
  routingVersion: 1,
  schema: 'public',
};

describe('the tenant context', () => {
  it('is one per process: a second copy of the module sees the clinic the first one bound', async () => {
    // Next.js bundles server pages and route handlers separately, each with its own copy.
    const first = await import('./tenant-context');
    vi.resetModules();
    const second = await import('./tenant-context');
    expect(second).not.toBe(first);
    const seen = await first.runWithClinic(clinic, async () => second.currentClinic()?.slug);
    expect(seen).toBe('alpha');
    expect(second.currentClinic()).toBeUndefined();
  });

  it('errors of another copy are still recognised by their code', async () => {
    const errors = await import('../errors');
    vi.resetModules();
    const otherCopy = await import('../errors');
    const error = new otherCopy.TenancyError('TENANT_NOT_BOUND', 'No clinic is bound.');
    expect(error instanceof errors.TenancyError).toBe(false);
    expect(errors.isTenancyError(error, 'TENANT_NOT_BOUND')).toBe(true);
    expect(errors.isTenancyError(new Error('TenancyError'))).toBe(false);
  });

  // Issue 11 item 6: on the old main a same-clinic rebind was a no-op whatever its access, so
  // these three calls ran their work under the outer binding instead of throwing.
  it('refuses to rebind the same clinic with a different access, in either direction', async () => {
    const { runWithClinic, currentClinic } = await import('./tenant-context');
    const { isTenancyError } = await import('../errors');
    const access = (operatorId: string) => ({
      operatorId,
      reason: 'Ticket 4711: client cannot see her booking',
      expiresAt: new Date(Date.now() + 60_000),
      readOnly: true,
      recordOperation: async () => {},
    });
    const asOperator = { ...clinic, platformAccess: access('op-1') };
    const work = vi.fn(() => currentClinic()?.platformAccess);
    const rebind = (error: unknown) => isTenancyError(error, 'ACCESS_REBIND');

    await expect(runWithClinic(clinic, () => runWithClinic(asOperator, work))).rejects.toSatisfy(
      rebind,
    );
    await expect(runWithClinic(asOperator, () => runWithClinic(clinic, work))).rejects.toSatisfy(
      rebind,
    );
    await expect(
      runWithClinic(asOperator, () =>
        runWithClinic({ ...clinic, platformAccess: access('op-2') }, work),
      ),
    ).rejects.toSatisfy(rebind);
    expect(work).not.toHaveBeenCalled();

    // The same access again stays a no-op, and the inner work keeps the outer access.
    const same = await runWithClinic(asOperator, () =>
      runWithClinic({ ...clinic, platformAccess: asOperator.platformAccess }, work),
    );
    expect(same?.operatorId).toBe('op-1');
    expect(await runWithClinic(clinic, () => runWithClinic({ ...clinic }, work))).toBeUndefined();
  });
});
