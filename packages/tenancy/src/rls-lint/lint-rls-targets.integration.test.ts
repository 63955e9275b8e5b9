import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantRouter } from '../router/tenant-router';
import { createClinicFixture, createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { lintRlsTargets } from './lint-rls-targets';
import { registryTargets } from './registry-targets';

// The RLS lint in the test suite, against every target of a deployment: the shared schema,
// every schema-mode clinic and (given a URL resolver) every database-mode clinic.

let shared: TestDatabase;
let dedicated: TestDatabase;
let router: TenantRouter;

/** The secret a database-mode clinic's registry entry names, resolved like an environment. */
const secrets: Record<string, string> = {};
const resolveDatabaseUrl = (ref: string) => {
  const url = secrets[ref];
  if (!url) throw new Error(`secret ${ref} is not set`);
  return url;
};

beforeAll(async () => {
  shared = await createTestDatabase();
  dedicated = await createTestDatabase();
  secrets.CLINIC_DELTA_DATABASE_URL = dedicated.ownerUrl;
  router = new TenantRouter({ connectionString: shared.appUrl, connectionBudget: 4 });
  await createClinicFixture(shared, router, { slug: 'alpha', mode: 'shared' });
  await createClinicFixture(shared, router, { slug: 'beta', mode: 'schema' });
  await createClinicFixture(shared, router, { slug: 'gamma', mode: 'schema' });
  await withClient(shared.ownerUrl, (owner) =>
    owner.query(`INSERT INTO clinics (id, slug, name, mode, database_url_ref) VALUES
      (gen_random_uuid(), 'delta', 'Delta', 'database', 'CLINIC_DELTA_DATABASE_URL')`),
  );
});
afterAll(async () => {
  await router?.close();
  await shared?.drop();
  await dedicated?.drop();
});

describe('lintRlsTargets over a deployment', () => {
  it('finds nothing wrong in the shared schema, every schema-mode and every database-mode clinic', async () => {
    const { targets, unresolved } = await registryTargets(shared.ownerUrl, { resolveDatabaseUrl });
    expect(unresolved).toEqual([]);
    expect(targets.map((target) => `${target.label}: ${target.schema}`)).toEqual([
      'shared: public',
      'clinic beta: clinic_beta',
      'clinic delta: public',
      'clinic gamma: clinic_gamma',
    ]);
    expect(targets[2]!.connectionString).toBe(dedicated.ownerUrl);

    const results = await lintRlsTargets(targets);
    expect(results).toEqual([
      { target: 'shared', schema: 'public', findings: [] },
      { target: 'clinic beta', schema: 'clinic_beta', findings: [] },
      { target: 'clinic delta', schema: 'public', findings: [] },
      { target: 'clinic gamma', schema: 'clinic_gamma', findings: [] },
    ]);
  });

  it('names a database-mode clinic it cannot resolve instead of passing over it', async () => {
    const withoutResolver = await registryTargets(shared.ownerUrl);
    expect(withoutResolver.targets.map((target) => target.label)).not.toContain('clinic delta');
    expect(withoutResolver.unresolved).toEqual([
      { label: 'clinic delta', reason: expect.stringContaining('no URL resolver') },
    ]);

    const failing = await registryTargets(shared.ownerUrl, {
      resolveDatabaseUrl: () => {
        throw new Error('CLINIC_DELTA_DATABASE_URL is not set');
      },
    });
    expect(failing.unresolved).toEqual([
      { label: 'clinic delta', reason: 'CLINIC_DELTA_DATABASE_URL is not set' },
    ]);
  });

  it('reports a target it cannot reach and still lints the others', async () => {
    const results = await lintRlsTargets([
      { label: 'unreachable', connectionString: 'postgresql://eventora_owner@127.0.0.1:1/nowhere' },
      { label: 'shared', connectionString: shared.ownerUrl },
    ]);
    expect(results).toEqual([
      { target: 'unreachable', schema: 'public', error: expect.stringContaining('cannot connect') },
      { target: 'shared', schema: 'public', findings: [] },
    ]);
  });

  it('attributes a guard broken in one clinic schema to that clinic alone', async () => {
    await withClient(shared.ownerUrl, (owner) =>
      owner.query('ALTER TABLE clinic_gamma.audit_logs NO FORCE ROW LEVEL SECURITY'),
    );
    try {
      const { targets } = await registryTargets(shared.ownerUrl, { resolveDatabaseUrl });
      const failing = (await lintRlsTargets(targets)).filter(
        (result) => !('findings' in result) || result.findings.length > 0,
      );
      expect(failing).toEqual([
        {
          target: 'clinic gamma',
          schema: 'clinic_gamma',
          findings: [
            expect.objectContaining({ rule: 'rls-not-forced', object: 'clinic_gamma.audit_logs' }),
          ],
        },
      ]);
    } finally {
      await withClient(shared.ownerUrl, (owner) =>
        owner.query('ALTER TABLE clinic_gamma.audit_logs FORCE ROW LEVEL SECURITY'),
      );
    }
  });
});
