import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { MAX_PLATFORM_ACCESS_MINUTES, type Prisma } from '@eventora/tenancy';

import { AppError, notFound } from '../../../errors/app-error';
import type { ApiServices } from '../../../services';
import { platformProcedure } from '../../../trpc';
import { recordOperatorAction, type PlatformTransaction } from '../clinic-audit';
import { ZReason } from '../clinic-schemas';
import { recordPlatformAudit } from '../platform-audit';
import { grantSelect, grantState, ownGrant, readUnderGrant, type GrantRow } from './grant';

export const ZAccessOpenInput = z.object({
  clinicId: z.uuid(),
  reason: ZReason,
  minutes: z
    .number()
    .int()
    .min(1, 'At least a minute.')
    .max(MAX_PLATFORM_ACCESS_MINUTES, `At most ${MAX_PLATFORM_ACCESS_MINUTES} minutes.`),
});
export const ZAccessListInput = z
  .object({
    clinicId: z.uuid().optional(),
    /** Only grants that are still open (default), or the history too. */
    activeOnly: z.boolean().default(true),
    /** Only the signed-in operator's grants. */
    mineOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .prefault({});
export const ZGrantInput = z.object({ grantId: z.uuid() });
export const ZAccessReservationsInput = ZGrantInput.extend({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  clientId: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const ZAccessClientsInput = ZGrantInput.extend({
  search: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

const ZGrantState = z.enum(['active', 'expired', 'closed']);
const ZGrant = z.object({
  id: z.uuid(),
  clinic: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  operator: z.object({ id: z.uuid(), email: z.string() }),
  mine: z.boolean(),
  reason: z.string(),
  readOnly: z.literal(true),
  state: ZGrantState,
  createdAt: z.date(),
  expiresAt: z.date(),
  closedAt: z.date().nullable(),
});
type Grant = z.infer<typeof ZGrant>;

/** What support needs to see about a booking; no notes (they may hold clinical details). */
const reservationSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  status: true,
  cancelledAt: true,
  createdAt: true,
  clientId: true,
  therapist: { select: { name: true } },
  branch: { select: { name: true } },
} satisfies Prisma.ReservationSelect;

/** Who the person is at the clinic; no phone, and the email only as a hint. */
const clientSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  createdAt: true,
  disabledAt: true,
} satisfies Prisma.UserSelect;

/** `maria.lopez@example.com` → `m••••@example.com`: enough to match a support ticket. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '••••';
  return `${email[0]}••••${email.slice(at)}`;
}

async function describeGrants(
  ctx: { services: ApiServices; operator: { id: string } },
  rows: GrantRow[],
): Promise<Grant[]> {
  const clinicIds = [...new Set(rows.map((row) => row.targetClinicId))];
  const operatorIds = [...new Set(rows.map((row) => row.operatorId))];
  const [clinics, operators] = await Promise.all([
    ctx.services.platform.clinic.findMany({
      where: { id: { in: clinicIds } },
      select: { id: true, slug: true, name: true },
    }),
    ctx.services.platform.platformOperator.findMany({
      where: { id: { in: operatorIds } },
      select: { id: true, email: true },
    }),
  ]);
  const clinicById = new Map(clinics.map((clinic) => [clinic.id, clinic]));
  const operatorById = new Map(operators.map((operator) => [operator.id, operator]));
  const now = ctx.services.now();
  return rows.map((row) => ({
    id: row.id,
    clinic: clinicById.get(row.targetClinicId) ?? {
      id: row.targetClinicId,
      slug: '(discarded)',
      name: '(discarded clinic)',
    },
    operator: operatorById.get(row.operatorId) ?? { id: row.operatorId, email: '(unknown)' },
    mine: row.operatorId === ctx.operator.id,
    reason: row.reason,
    readOnly: true as const,
    state: grantState(row, now),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    closedAt: row.closedAt,
  }));
}

/**
 * Break-glass access: an operator opens one clinic's data, read-only, for a stated reason and
 * at most MAX_PLATFORM_ACCESS_MINUTES. Opening and closing are written to the platform audit log
 * and to the clinic's own; every read under the grant runs through `asPlatform`, which writes
 * one entry per operation to the clinic's audit log. Access ends by itself at its expiry.
 */
export const adminAccessRouter = {
  open: platformProcedure
    .input(ZAccessOpenInput)
    .output(ZGrant)
    .mutation(async ({ ctx, input }) => {
      const clinic = await ctx.services.platform.clinic.findUnique({
        where: { id: input.clinicId },
        select: { id: true, status: true, mode: true, schemaName: true, databaseUrlRef: true },
      });
      if (!clinic) throw notFound('Clinic');
      if (clinic.status === 'suspended') {
        throw new AppError('CONFLICT', 'This clinic is suspended: its data cannot be opened.');
      }
      const now = ctx.services.now();
      const expiresAt = new Date(now.getTime() + input.minutes * 60_000);
      // The grant, the clinic's entry (its owners see the access open, with its reason, even if
      // nothing is read) and the platform's, in one transaction.
      const { result: grant } = await recordOperatorAction<GrantRow>(
        ctx,
        clinic,
        {
          action: 'platform.access_opened',
          platformAction: 'clinic.access_open',
          reason: input.reason,
          metadata: (created) => ({
            grantId: created.id,
            expiresAt: expiresAt.toISOString(),
            minutes: input.minutes,
            readOnly: true,
          }),
        },
        (tx) =>
          tx.platformAccessGrant.create({
            data: {
              operatorId: ctx.operator.id,
              targetClinicId: clinic.id,
              reason: input.reason,
              createdAt: now,
              expiresAt,
            },
            select: grantSelect,
          }),
      );
      const [described] = await describeGrants(ctx, [grant!]);
      return described!;
    }),

  list: platformProcedure
    .input(ZAccessListInput)
    .output(z.object({ items: z.array(ZGrant) }))
    .query(async ({ ctx, input }) => {
      const now = ctx.services.now();
      const rows = await ctx.services.platform.platformAccessGrant.findMany({
        where: {
          ...(input.clinicId ? { targetClinicId: input.clinicId } : {}),
          ...(input.mineOnly ? { operatorId: ctx.operator.id } : {}),
          ...(input.activeOnly ? { closedAt: null, expiresAt: { gt: now } } : {}),
        },
        // UUIDv7 ids sort by creation time.
        orderBy: { id: 'desc' },
        take: input.limit,
        select: grantSelect,
      });
      return { items: await describeGrants(ctx, rows) };
    }),

  byId: platformProcedure
    .input(ZGrantInput)
    .output(ZGrant)
    .query(async ({ ctx, input }) => {
      const [described] = await describeGrants(ctx, [
        await ownGrant(ctx.services, ctx.operator.id, input.grantId),
      ]);
      return described!;
    }),

  close: platformProcedure
    .input(ZGrantInput)
    .output(ZGrant)
    .mutation(async ({ ctx, input }) => {
      const grant = await ownGrant(ctx.services, ctx.operator.id, input.grantId);
      if (grantState(grant, ctx.services.now()) !== 'active') {
        // Already over: closing again changes nothing and writes nothing.
        const [described] = await describeGrants(ctx, [grant]);
        return described!;
      }
      const clinic = await ctx.services.platform.clinic.findUnique({
        where: { id: grant.targetClinicId },
        select: { id: true, mode: true, schemaName: true, databaseUrlRef: true },
      });
      const close = (tx: PlatformTransaction) =>
        tx.platformAccessGrant.update({
          where: { id: grant.id },
          data: { closedAt: ctx.services.now() },
          select: grantSelect,
        });
      // A clinic discarded meanwhile has no audit log left; the platform's has the close.
      const closed = clinic
        ? (
            await recordOperatorAction(
              ctx,
              clinic,
              {
                action: 'platform.access_closed',
                platformAction: 'clinic.access_close',
                metadata: { grantId: grant.id },
              },
              close,
            )
          ).result!
        : await ctx.services.platform.$transaction(async (tx) => {
            const row = await close(tx);
            await recordPlatformAudit(ctx.services.platform, ctx, {
              action: 'clinic.access_close',
              clinicId: grant.targetClinicId,
              metadata: { grantId: grant.id },
            });
            return row;
          });
      const [described] = await describeGrants(ctx, [closed]);
      return described!;
    }),

  /** The clinic's reservations, newest first, under the grant (read-only, audited per read). */
  reservations: platformProcedure
    .input(ZAccessReservationsInput)
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            startsAt: z.date(),
            endsAt: z.date(),
            status: z.enum(['booked', 'cancelled', 'completed', 'no_show']),
            cancelledAt: z.date().nullable(),
            createdAt: z.date(),
            clientId: z.uuid(),
            therapistName: z.string(),
            branchName: z.string(),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await readUnderGrant(ctx, input.grantId, (db) =>
        db.reservation.findMany({
          where: {
            ...(input.clientId ? { clientId: input.clientId } : {}),
            ...(input.from || input.to
              ? {
                  startsAt: {
                    ...(input.from ? { gte: input.from } : {}),
                    ...(input.to ? { lt: input.to } : {}),
                  },
                }
              : {}),
          },
          orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
          take: input.limit,
          select: reservationSelect,
        }),
      );
      return {
        items: rows.map(({ therapist, branch, ...row }) => ({
          ...row,
          therapistName: therapist.name,
          branchName: branch.name,
        })),
      };
    }),

  /** The clinic's people (clients first), under the grant; emails masked, no phones. */
  clients: platformProcedure
    .input(ZAccessClientsInput)
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            name: z.string(),
            emailHint: z.string(),
            role: z.enum(['OWNER', 'STAFF', 'THERAPIST', 'CLIENT']),
            createdAt: z.date(),
            disabled: z.boolean(),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await readUnderGrant(ctx, input.grantId, (db) =>
        db.user.findMany({
          where: input.search ? { name: { contains: input.search, mode: 'insensitive' } } : {},
          orderBy: [{ role: 'desc' }, { name: 'asc' }],
          take: input.limit,
          select: clientSelect,
        }),
      );
      return {
        items: rows.map(({ email, disabledAt, ...row }) => ({
          ...row,
          emailHint: maskEmail(email),
          disabled: disabledAt !== null,
        })),
      };
    }),
} satisfies TRPCRouterRecord;
