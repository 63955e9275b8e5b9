import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { asClinic, seedTwoClinics, type SeededClinic } from './two-clinics';

// The seeded reservation of each clinic's therapist: 2030-01-07 09:00–10:00 UTC, booked.

let db: TestDatabase;
let a: SeededClinic;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ a } = await seedTwoClinics(db.ownerUrl));
});
afterAll(() => db?.drop());

function book(
  app: ClientBase,
  startsAt: string,
  endsAt: string,
  options: { therapistId?: string; status?: string } = {},
) {
  return asClinic(app, a.id, () =>
    app.query(
      `INSERT INTO reservations (clinic_id, id, client_id, therapist_id, branch_id, starts_at, ends_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        a.id,
        randomUUID(),
        a.clientId,
        options.therapistId ?? a.therapistId,
        a.branchId,
        startsAt,
        endsAt,
        options.status ?? 'booked',
      ],
    ),
  );
}

describe('a therapist cannot be double-booked', () => {
  it('rejects an active reservation overlapping another of the same therapist', async () => {
    await withClient(db.appUrl, async (app) => {
      await expect(book(app, '2030-01-07 09:30Z', '2030-01-07 10:30Z')).rejects.toMatchObject({
        code: '23P01',
        constraint: 'reservations_no_therapist_overlap',
      });
      await expect(book(app, '2030-01-07 09:15Z', '2030-01-07 09:45Z')).rejects.toMatchObject({
        code: '23P01',
      });
    });
  });

  it('allows back-to-back reservations', async () => {
    await withClient(db.appUrl, async (app) => {
      await book(app, '2030-01-07 10:00Z', '2030-01-07 11:00Z');
      await book(app, '2030-01-07 08:00Z', '2030-01-07 09:00Z');
    });
  });

  it('allows a reservation overlapping a cancelled one', async () => {
    await withClient(db.appUrl, async (app) => {
      await book(app, '2030-01-08 09:00Z', '2030-01-08 10:00Z', { status: 'cancelled' });
      await book(app, '2030-01-08 09:30Z', '2030-01-08 10:30Z');
    });
  });

  it('rejects re-activating a cancelled reservation that now overlaps', async () => {
    await withClient(db.appUrl, async (app) => {
      await book(app, '2030-01-09 09:00Z', '2030-01-09 10:00Z');
      await book(app, '2030-01-09 09:00Z', '2030-01-09 10:00Z', { status: 'cancelled' });
      const reactivate = asClinic(app, a.id, () =>
        app.query(
          "UPDATE reservations SET status = 'booked' WHERE status = 'cancelled' AND starts_at = '2030-01-09 09:00Z'",
        ),
      );
      await expect(reactivate).rejects.toMatchObject({ code: '23P01' });
    });
  });

  it('allows another therapist at the same time', async () => {
    const other = randomUUID();
    await withClient(db.ownerUrl, (owner) =>
      asClinic(owner, a.id, () =>
        owner.query("INSERT INTO therapists (clinic_id, id, name) VALUES ($1, $2, 'Second')", [
          a.id,
          other,
        ]),
      ),
    );
    await withClient(db.appUrl, (app) =>
      book(app, '2030-01-07 09:00Z', '2030-01-07 10:00Z', { therapistId: other }),
    );
  });
});
