import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@eventora/db/migrations';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { loadMigrations } from '../migrations/load-migrations';
import { migrateTarget } from '../migrations/migrate-target';
import { asClinic } from './two-clinics';

const DETAILS_MIGRATION = '20261203160000_audit_details_out_of_chain';
const databases: TestDatabase[] = [];
afterAll(() => Promise.all(databases.map((db) => db.drop())));

/** Every entry of the bound clinic whose hash, link or details digest does not hold. */
function chainBreaks(client: ClientBase, withDigest: boolean) {
  const digest = withDigest
    ? 'AND (e.details_erased_at IS NOT NULL OR audit_log_details_digest(e) = e.details_digest)'
    : '';
  return client
    .query<{ seq: string }>(
      `SELECT seq::text FROM (
         SELECT e.seq, (audit_log_hash(e) = e.hash ${digest}) AS intact,
                e.prev_hash = coalesce(lag(e.hash) OVER (ORDER BY e.seq), '') AS linked
           FROM audit_logs e) c
        WHERE NOT (intact AND linked)`,
    )
    .then((result) => result.rows.map((row) => row.seq));
}

function append(client: ClientBase, clinicId: string, actorId: string, ip: string, reason: string) {
  return client.query(
    `INSERT INTO audit_logs (clinic_id, id, actor_type, actor_id, action, entity_type, entity_id, ip, reason, metadata)
     VALUES ($1, $2, 'user', $3::uuid, 'client.view', 'User', $3::text, $4, $5, $6)`,
    [clinicId, randomUUID(), actorId, ip, reason, JSON.stringify({ email: 'ana@example.com' })],
  );
}

describe('audit details out of the chain (migration)', () => {
  it('re-seals existing chains that verified before, and they verify after', async () => {
    const db = await createTestDatabase({ migrated: false });
    databases.push(db);
    const all = await loadMigrations(migrationsDir);
    const cut = all.findIndex((migration) => migration.name === DETAILS_MIGRATION);
    expect(cut).toBeGreaterThan(0);
    const target = { label: 'shared', connectionString: db.ownerUrl };
    await migrateTarget(target, all.slice(0, cut));

    const clinics = [randomUUID(), randomUUID()];
    const person = randomUUID();
    await withClient(db.ownerUrl, async (owner) => {
      for (const [i, id] of clinics.entries()) {
        await owner.query('INSERT INTO clinics (id, slug, name) VALUES ($1, $2, $2)', [
          id,
          `c${i}`,
        ]);
        await asClinic(owner, id, async () => {
          for (let n = 0; n < 3; n += 1)
            await append(owner, id, person, '203.0.113.9', 'Ana Pérez');
          expect(await chainBreaks(owner, false)).toEqual([]);
        });
      }
    });

    await migrateTarget(target, all);

    await withClient(db.ownerUrl, async (owner) => {
      for (const id of clinics) {
        await asClinic(owner, id, async () => {
          expect(await chainBreaks(owner, true)).toEqual([]);
          const { rows } = await owner.query(
            'SELECT ip, details_salt, details_digest FROM audit_logs ORDER BY seq',
          );
          expect(rows).toHaveLength(3);
          for (const row of rows) {
            expect(row.ip).toBe('203.0.113.9');
            expect(row.details_salt).toMatch(/^[0-9a-f]{32}$/);
            expect(row.details_digest).toMatch(/^[0-9a-f]{64}$/);
          }
        });
      }
    });
  });

  it('refuses to re-seal a chain that was already broken', async () => {
    const db = await createTestDatabase({ migrated: false });
    databases.push(db);
    const all = await loadMigrations(migrationsDir);
    const cut = all.findIndex((migration) => migration.name === DETAILS_MIGRATION);
    const target = { label: 'shared', connectionString: db.ownerUrl };
    await migrateTarget(target, all.slice(0, cut));
    const id = randomUUID();
    await withClient(db.ownerUrl, async (owner) => {
      await owner.query("INSERT INTO clinics (id, slug, name) VALUES ($1, 'c', 'c')", [id]);
      await asClinic(owner, id, async () => {
        await append(owner, id, randomUUID(), '203.0.113.9', 'first');
        await append(owner, id, randomUUID(), '203.0.113.9', 'second');
      });
    });
    // A superuser forges history: the chain no longer verifies.
    await withClient(db.adminUrl, (admin) =>
      admin.query("UPDATE audit_logs SET reason = 'forged' WHERE seq = 1"),
    );
    await expect(migrateTarget(target, all)).rejects.toThrow(
      /audit chain of clinic .* is broken at entry 1/,
    );
  });
});

describe('erasing an entry’s details', () => {
  it('clears ip, reason and metadata of the person’s entries in the bound clinic only; the chain still verifies', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const [a, b] = [randomUUID(), randomUUID()];
    const person = randomUUID();
    const other = randomUUID();
    await withClient(db.ownerUrl, async (owner) => {
      for (const [i, id] of [a, b].entries()) {
        await owner.query('INSERT INTO clinics (id, slug, name) VALUES ($1, $2, $2)', [
          id,
          `c${i}`,
        ]);
        await asClinic(owner, id, async () => {
          await append(owner, id, person, '203.0.113.9', 'Ana Pérez');
          await append(owner, id, other, '198.51.100.1', 'kept');
        });
      }
    });
    await withClient(db.appUrl, async (app) => {
      const cleared = await asClinic(app, a, async () => {
        const { rows } = await app.query<{ n: number }>('SELECT audit_log_forget_person($1) AS n', [
          person,
        ]);
        return rows[0]!.n;
      });
      expect(cleared).toBe(1);
      await asClinic(app, a, async () => {
        expect(await chainBreaks(app, true)).toEqual([]);
        const { rows } = await app.query(
          'SELECT actor_id, ip, reason, metadata, details_salt, details_erased_at FROM audit_logs ORDER BY seq',
        );
        expect(rows[0]).toMatchObject({
          actor_id: person,
          ip: null,
          reason: null,
          metadata: {},
          details_salt: null,
        });
        expect(rows[0].details_erased_at).toBeInstanceOf(Date);
        expect(rows[1]).toMatchObject({
          ip: '198.51.100.1',
          reason: 'kept',
          details_erased_at: null,
        });
      });
      // Clinic B's entries about the same id are untouched.
      await asClinic(app, b, async () => {
        const { rows } = await app.query('SELECT ip FROM audit_logs WHERE actor_id = $1', [person]);
        expect(rows).toEqual([{ ip: '203.0.113.9' }]);
      });
      // The runtime role still cannot edit details itself.
      await expect(
        asClinic(app, a, () => app.query("UPDATE audit_logs SET reason = 'x'")),
      ).rejects.toMatchObject({ code: '42501' });
    });
  });

  it('an edited detail breaks verification even though the hash column was left alone', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const id = randomUUID();
    await withClient(db.ownerUrl, async (owner) => {
      await owner.query("INSERT INTO clinics (id, slug, name) VALUES ($1, 'c', 'c')", [id]);
      await asClinic(owner, id, () => append(owner, id, randomUUID(), '203.0.113.9', 'why'));
    });
    await withClient(db.adminUrl, (admin) => admin.query("UPDATE audit_logs SET ip = '192.0.2.1'"));
    await withClient(db.ownerUrl, (owner) =>
      asClinic(owner, id, async () => expect(await chainBreaks(owner, true)).toEqual(['1'])),
    );
  });
});
