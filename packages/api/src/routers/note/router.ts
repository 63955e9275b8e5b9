import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Prisma } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { notFound } from '../../errors/app-error';
import { teamProcedure } from '../../trpc';
import { visibleReservations } from '../reservation/caller-scope';
import { ZNoteAddInput, ZNoteListInput } from '../../schemas/note';

const noteSelect = {
  id: true,
  body: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.ReservationNoteSelect;

export const ZNote = z.object({
  id: z.uuid(),
  body: z.string(),
  createdAt: z.date(),
  author: z.object({ id: z.uuid(), name: z.string() }),
});

/**
 * Notes on a reservation: clinical, so only the team writes and reads them (staff any
 * session's, a therapist their own sessions'), clients never (FORBIDDEN by role, and no
 * reservation output carries them). Every read is audited like other clinical reads.
 */
export const noteRouter = {
  list: teamProcedure
    .input(ZNoteListInput)
    .output(z.array(ZNote))
    .query(async ({ ctx, input }) => {
      const reservation = await ctx.db.reservation.findFirst({
        where: { id: input.reservationId, ...visibleReservations(ctx.user) },
        select: { id: true, clientId: true },
      });
      if (!reservation) throw notFound('Reservation');
      await recordAudit(ctx.db, ctx, {
        action: 'reservation.notes_view',
        entityType: 'Reservation',
        entityId: reservation.id,
        metadata: { clientId: reservation.clientId },
      });
      return ctx.db.reservationNote.findMany({
        where: { reservationId: reservation.id },
        select: noteSelect,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
    }),

  add: teamProcedure
    .input(ZNoteAddInput)
    .output(ZNote)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const reservation = await tx.reservation.findFirst({
          where: { id: input.reservationId, ...visibleReservations(ctx.user) },
          select: { id: true, clientId: true },
        });
        if (!reservation) throw notFound('Reservation');
        const note = await tx.reservationNote.create({
          data: {
            clinicId: ctx.clinic.id,
            reservationId: reservation.id,
            authorId: ctx.user.id,
            body: input.body,
          },
          select: noteSelect,
        });
        // The body stays out of the audit log: it may hold clinical details.
        await recordAudit(tx, ctx, {
          action: 'reservation.note_add',
          entityType: 'Reservation',
          entityId: reservation.id,
          metadata: { noteId: note.id, clientId: reservation.clientId },
        });
        return note;
      }),
    ),
} satisfies TRPCRouterRecord;
