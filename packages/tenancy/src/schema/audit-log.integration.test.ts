import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { asClinic, seedTwoClinics, type SeededClinic } from './two-clinics';

let db: TestDatabase;
let a: SeededClinic;
let b: SeededClinic;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ a, b } = await seedTwoClinics(db.ownerUrl));
});
afterAll(() => db?.drop());

interface Entry {
  seq: string;
  action: string;
  prev_hash: string;
  hash: string;
  recomputed: string;
}

function appendEntry(client: ClientBase, clinicId: string, action: string, forged = {}) {
  const row = { seq: 0, prev_hash: '', hash: '', ...forged };
  return client.query(
    `INSERT INTO audit_logs (clinic_id, id, actor_type, action, seq, prev_hash, hash)
     VALUES ($1, $2, 'user', $3, $4, $5, $6)`,
    [clinicId, randomUUID(), action, row.seq, row.prev_hash, row.hash],
  );
}

function readChain(client: ClientBase): Promise<Entry[]> {
  return client
    .query<Entry>(
      'SELECT seq, action, prev_hash, hash, audit_log_hash(audit_logs) AS recomputed FROM audit_logs ORDER BY seq',
    )
    .then((result) => result.rows);
}

describe('audit log', () => {
  it('cannot be updated or deleted by the runtime role', async () => {
    await withClient(db.appUrl, async (app) => {
      const tamper = asClinic(app, a.id, () =>
        app.query("UPDATE audit_logs SET action = 'nothing happened'"),
      );
      await expect(tamper).rejects.toMatchObject({ code: '42501' });
      const erase = asClinic(app, a.id, () => app.query('DELETE FROM audit_logs'));
      await expect(erase).rejects.toMatchObject({ code: '42501' });
      const seen = await asClinic(app, a.id, () => readChain(app));
      expect(seen.map((entry) => entry.action)).toEqual(['seed']);
    });
  });

  it('chains each clinic’s entries: seq 1, 2, 3… and each prev_hash is the previous hash', async () => {
    await withClient(db.appUrl, async (app) => {
      await asClinic(app, a.id, async () => {
        await appendEntry(app, a.id, 'reservation.created');
        await appendEntry(app, a.id, 'reservation.cancelled');
      });
      await asClinic(app, b.id, () => appendEntry(app, b.id, 'package.purchased'));

      const chainA = await asClinic(app, a.id, () => readChain(app));
      expect(chainA.map((entry) => [entry.seq, entry.action])).toEqual([
        ['1', 'seed'],
        ['2', 'reservation.created'],
        ['3', 'reservation.cancelled'],
      ]);
      expect(chainA[0]!.prev_hash).toBe('');
      for (const [i, entry] of chainA.entries()) {
        expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(entry.hash).toBe(entry.recomputed);
        if (i > 0) expect(entry.prev_hash).toBe(chainA[i - 1]!.hash);
      }
      // Clinic B's chain is its own.
      const chainB = await asClinic(app, b.id, () => readChain(app));
      expect(chainB.map((entry) => entry.seq)).toEqual(['1', '2']);
      expect(chainB[1]!.prev_hash).toBe(chainB[0]!.hash);
    });
  });

  it('ignores a writer’s own seq and hashes: the database fills them in', async () => {
    await withClient(db.appUrl, async (app) => {
      await asClinic(app, a.id, () =>
        appendEntry(app, a.id, 'forged', {
          seq: 1,
          prev_hash: 'f'.repeat(64),
          hash: '0'.repeat(64),
        }),
      );
      const chain = await asClinic(app, a.id, () => readChain(app));
      const forged = chain.at(-1)!;
      expect(forged.seq).toBe(String(chain.length));
      expect(forged.prev_hash).toBe(chain.at(-2)!.hash);
      expect(forged.hash).toBe(forged.recomputed);
    });
  });

  // Issue 11, item 8 (failed on main: the runtime role wrote an entry dated 2001 claiming to be
  // an operator, and the chain still verified).
  it('dates every entry itself and refuses an operator entry from the runtime role', async () => {
    await withClient(db.appUrl, async (app) => {
      await asClinic(app, b.id, async () => {
        const before = Date.now();
        const { rows } = await app.query<{ created_at: Date }>(
          `INSERT INTO audit_logs (clinic_id, id, actor_type, action, created_at)
           VALUES ($1, $2, 'user', 'backdated', '2001-01-01T00:00:00Z') RETURNING created_at`,
          [b.id, randomUUID()],
        );
        expect(rows[0]!.created_at.getTime()).toBeGreaterThanOrEqual(before - 5_000);
        const impostor = app.query(
          `INSERT INTO audit_logs (clinic_id, id, actor_type, actor_id, action)
           VALUES ($1, $2, 'platform', $2, 'platform.access')`,
          [b.id, randomUUID()],
        );
        await expect(impostor).rejects.toMatchObject({ code: '42501' });
      });
    });
  });
});
