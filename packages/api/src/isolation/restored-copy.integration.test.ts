import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { migrationsDir } from '@eventora/db/migrations';
import { exportClinic, restoreClinic } from '@eventora/tenancy/archive';
import { loadMigrations } from '@eventora/tenancy/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createApiTestKit,
  TEST_PASSWORD,
  type ApiTestKit,
  type TestClinic,
} from '../testing/api-test-kit';

/*
 * Issue 14: a clinic restored from an archive as a copy (for an investigation) holds the
 * original's users, password hashes included. Nobody may reach it until an operator opens it,
 * and then a session of one never opens the other.
 */
describe('a clinic restored as a copy', () => {
  const signingKey = 'restored-copy-test-signing-key-0123456789';
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let dir: string;
  let operatorToken: string;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    await kit.addOperator('operator@eventora.test');
    operatorToken = await kit.operatorToken('operator@eventora.test');
    dir = await mkdtemp(path.join(os.tmpdir(), 'eventora-copy-'));
  });
  afterAll(async () => {
    await kit?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const me = (slug: string, token: string) =>
    kit.http(slug, 'auth.me', {}, { token, query: true }).then((answer) => answer.status);
  const signIn = (slug: string) =>
    kit
      .caller(slug)
      .auth.signIn({ email: alpha.owner.email, password: TEST_PASSWORD, bearer: true });

  it('refuses every sign-in until an operator opens it; then the copy’s and the original’s sessions never cross', async () => {
    const out = path.join(dir, 'alpha.tar');
    const ownerUrl = kit.database.ownerUrl;
    await exportClinic('alpha', { ownerUrl, signingKey, out });
    const { clinic: copy } = await restoreClinic(
      out,
      { kind: 'copy', slug: 'alpha-copy' },
      { ownerUrl, signingKey, migrations: await loadMigrations(migrationsDir) },
    );

    // Closed: the original owner's right password does not open the copy.
    await expect(signIn('alpha-copy')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await kit
      .console({ token: operatorToken })
      .admin.clinic.reactivate({ id: copy.id, reason: 'Investigating a billing dispute (#4411).' });
    const copyToken = (await signIn('alpha-copy')).token!;
    expect(await me('alpha-copy', copyToken)).toBe(200);

    // The same person, the same password, two clinics: two sessions that never cross.
    expect(await me('alpha', copyToken)).toBe(401);
    expect(await me('alpha-copy', alpha.owner.token)).toBe(401);
    expect(await me('alpha', alpha.owner.token)).toBe(200);
  });
});
