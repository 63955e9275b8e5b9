import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { code?: string }) => error.code,
  );

describe('notes on a reservation', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
  });
  afterAll(() => kit?.close());

  const viewsOf = () =>
    runWithClinic(alpha.clinic, () =>
      alpha.db.auditLog.findMany({
        where: { action: 'reservation.notes_view', entityId: alpha.ids.reservation },
        select: { actorId: true },
      }),
    );

  it('staff write and read them; every read is audited; the note never reaches the client', async () => {
    const staff = kit.as(alpha, alpha.staff);
    const note = await staff.note.add({
      reservationId: alpha.ids.reservation,
      body: 'Lower back pain; avoid deep pressure.',
    });
    expect(note.author.id).toBe(alpha.staff.id);
    expect(await viewsOf()).toHaveLength(0);
    expect(await staff.note.list({ reservationId: alpha.ids.reservation })).toMatchObject([
      { body: 'Lower back pain; avoid deep pressure.' },
    ]);
    expect(await viewsOf()).toEqual([{ actorId: alpha.staff.id }]);

    const client = kit.as(alpha, alpha.client);
    expect(await codeOf(client.note.list({ reservationId: alpha.ids.reservation }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await codeOf(client.note.add({ reservationId: alpha.ids.reservation, body: 'hi' })),
    ).toBe('FORBIDDEN');
    const own = await client.reservation.byId({ id: alpha.ids.reservation });
    expect(JSON.stringify(own)).not.toContain('Lower back pain');
    // The audit entry of the write names the note, not its text.
    const entries = await runWithClinic(alpha.clinic, () =>
      alpha.db.auditLog.findMany({
        where: { action: 'reservation.note_add' },
        select: { metadata: true, reason: true },
      }),
    );
    expect(JSON.stringify(entries)).not.toContain('Lower back pain');
  });

  it("a therapist reads their own sessions' notes only", async () => {
    const therapist = kit.as(alpha, alpha.therapistUser);
    expect(await codeOf(therapist.note.list({ reservationId: alpha.ids.reservation }))).toBe(
      'NOT_FOUND',
    );
    await runWithClinic(alpha.clinic, () =>
      alpha.db.therapist.updateMany({
        where: { id: alpha.ids.therapist },
        data: { userId: alpha.therapistUser.id },
      }),
    );
    expect(await therapist.note.list({ reservationId: alpha.ids.reservation })).toHaveLength(1);
    expect((await viewsOf()).map((view) => view.actorId)).toContain(alpha.therapistUser.id);
  });
});
