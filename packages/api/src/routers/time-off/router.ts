import type { TRPCRouterRecord } from '@trpc/server';
import { addDays, subDays } from 'date-fns';
import { z } from 'zod';
import { isStaffRole } from '@eventora/auth';
import type { Prisma, TenantClient } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { isDayOff, localDateOfColumn } from '../../booking/days-off';
import { localDateOf } from '../../booking/local-time';
import { AppError, notFound } from '../../errors/app-error';
import { teamProcedure } from '../../trpc';
import {
  reservationSelect,
  toReservationOutput,
  ZReservation,
} from '../reservation/reservation-output';
import {
  ZTimeOffConflictsInput,
  ZTimeOffCreateInput,
  ZTimeOffListInput,
  ZTimeOffRemoveInput,
} from '../../schemas/time-off';

const timeOffSelect = {
  id: true,
  firstDay: true,
  lastDay: true,
  recursYearly: true,
  reason: true,
  therapist: { select: { id: true, name: true } },
} satisfies Prisma.TimeOffSelect;

type TimeOffRow = Prisma.TimeOffGetPayload<{ select: typeof timeOffSelect }>;

export const ZTimeOff = z.object({
  id: z.uuid(),
  firstDay: z.string(),
  lastDay: z.string(),
  recursYearly: z.boolean(),
  reason: z.string().nullable(),
  /** Null: a holiday of the whole clinic. */
  therapist: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

const day = (value: Date) => value.toISOString().slice(0, 10);
const toTimeOff = (row: TimeOffRow): z.infer<typeof ZTimeOff> => ({
  ...row,
  firstDay: day(row.firstDay),
  lastDay: day(row.lastDay),
});

type Caller = { id: string; role: string };

/** A therapist's login manages their own time off only; staff anyone's and the clinic's. */
async function ownTherapistId(db: Pick<TenantClient, 'therapist'>, user: Caller) {
  const own = await db.therapist.findFirst({ where: { userId: user.id }, select: { id: true } });
  return own?.id ?? null;
}

/**
 * The booked sessions still in the way of an entry, soonest first (for staff to move): of its
 * therapist, or every therapist's for a clinic holiday, on one of its days on the branch's
 * calendar. Yearly entries are checked over the coming year.
 */
async function conflictsOf(
  db: Pick<TenantClient, 'reservation'>,
  entry: TimeOffRow,
  now: Date,
): Promise<z.infer<typeof ZReservation>[]> {
  const daysOff = [
    {
      first: localDateOfColumn(entry.firstDay),
      last: localDateOfColumn(entry.lastDay),
      recursYearly: entry.recursYearly,
    },
  ];
  // A day margin either side covers every time zone's idea of those dates.
  const from = entry.recursYearly ? now : subDays(entry.firstDay, 1);
  const to = entry.recursYearly ? addDays(now, 366) : addDays(entry.lastDay, 2);
  const rows = await db.reservation.findMany({
    where: {
      status: 'booked',
      startsAt: { gte: from > now ? from : now, lt: to },
      ...(entry.therapist ? { therapistId: entry.therapist.id } : {}),
    },
    select: reservationSelect,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 500,
  });
  return rows
    .filter((row) => isDayOff(localDateOf(row.startsAt, row.branch.timezone), daysOff))
    .map(toReservationOutput);
}

export const timeOffRouter = {
  /** Time off and holidays, latest first: staff see everyone's; a therapist their own and the clinic's. */
  list: teamProcedure
    .input(ZTimeOffListInput)
    .output(z.array(ZTimeOff))
    .query(async ({ ctx, input }) => {
      const therapistId = isStaffRole(ctx.user.role)
        ? input.therapistId
        : ((await ownTherapistId(ctx.db, ctx.user)) ?? undefined);
      if (!isStaffRole(ctx.user.role) && !therapistId) return [];
      if (!isStaffRole(ctx.user.role) && input.therapistId && input.therapistId !== therapistId) {
        throw notFound('Therapist');
      }
      const rows = await ctx.db.timeOff.findMany({
        where: therapistId ? { OR: [{ therapistId }, { therapistId: null }] } : {},
        select: timeOffSelect,
        orderBy: [{ firstDay: 'desc' }, { id: 'asc' }],
        take: 500,
      });
      return rows.map(toTimeOff);
    }),

  /**
   * Takes days out of availability from now on. Sessions already booked on them stay booked
   * and are listed (`conflicts`) for staff to move or cancel.
   */
  create: teamProcedure
    .input(ZTimeOffCreateInput)
    .output(z.object({ timeOff: ZTimeOff, conflicts: z.array(ZReservation) }))
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        let therapistId = input.therapistId ?? null;
        if (!isStaffRole(ctx.user.role)) {
          const own = await ownTherapistId(tx, ctx.user);
          if (therapistId === null) {
            throw new AppError('FORBIDDEN', "Only staff set the clinic's holidays.");
          }
          if (therapistId !== own) throw notFound('Therapist');
        }
        if (therapistId) {
          const therapist = await tx.therapist.findFirst({
            where: { id: therapistId, archivedAt: null },
            select: { id: true },
          });
          if (!therapist) throw notFound('Therapist');
          therapistId = therapist.id;
        }
        const row = await tx.timeOff.create({
          data: {
            clinicId: ctx.clinic.id,
            therapistId,
            firstDay: new Date(`${input.firstDay}T00:00:00Z`),
            lastDay: new Date(`${input.lastDay}T00:00:00Z`),
            recursYearly: input.recursYearly,
            reason: input.reason ?? null,
          },
          select: timeOffSelect,
        });
        const conflicts = await conflictsOf(tx, row, ctx.services.now());
        await recordAudit(tx, ctx, {
          action: therapistId ? 'time_off.create' : 'time_off.holiday_create',
          entityType: 'TimeOff',
          entityId: row.id,
          metadata: {
            therapistId,
            firstDay: input.firstDay,
            lastDay: input.lastDay,
            recursYearly: input.recursYearly,
            conflicts: conflicts.length,
          },
        });
        return { timeOff: toTimeOff(row), conflicts };
      }),
    ),

  /** The booked sessions still on an entry's days. */
  conflicts: teamProcedure
    .input(ZTimeOffConflictsInput)
    .output(z.array(ZReservation))
    .query(async ({ ctx, input }) => {
      const own = isStaffRole(ctx.user.role) ? undefined : await ownTherapistId(ctx.db, ctx.user);
      const row = await ctx.db.timeOff.findFirst({
        where: {
          id: input.id,
          ...(own === undefined ? {} : { OR: [{ therapistId: own }, { therapistId: null }] }),
        },
        select: timeOffSelect,
      });
      if (!row) throw notFound('Time off');
      return conflictsOf(ctx.db, row, ctx.services.now());
    }),

  /** Gives the days back to availability. */
  remove: teamProcedure
    .input(ZTimeOffRemoveInput)
    .output(z.object({ removed: z.literal(true) }))
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const own = isStaffRole(ctx.user.role) ? undefined : await ownTherapistId(tx, ctx.user);
        if (own === null) throw notFound('Time off');
        const row = await tx.timeOff.findFirst({
          where: { id: input.id, ...(own === undefined ? {} : { therapistId: own }) },
          select: timeOffSelect,
        });
        if (!row) throw notFound('Time off');
        await tx.timeOff.deleteMany({ where: { id: row.id } });
        await recordAudit(tx, ctx, {
          action: 'time_off.remove',
          entityType: 'TimeOff',
          entityId: row.id,
          metadata: { therapistId: row.therapist?.id ?? null, firstDay: day(row.firstDay) },
        });
        return { removed: true as const };
      }),
    ),
} satisfies TRPCRouterRecord;
