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
});
