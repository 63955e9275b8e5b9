import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Prisma, TenantClient } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { ownerProcedure, staffProcedure } from '../../trpc';
import { sendInvitation } from '../account/account-messages';
import {
  ZTeamChangeRoleInput,
  ZTeamInviteInput,
  ZTeamResendInvitationInput,
  ZTeamRole,
  ZTeamSetDisabledInput,
} from '../../schemas/team';

const memberSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  lastSignInAt: true,
  createdAt: true,
  passwordHash: true,
  therapist: { select: { id: true } },
  accountTokens: {
    where: { kind: 'invitation', usedAt: null },
    select: { expiresAt: true },
    orderBy: { createdAt: 'desc' },
    take: 1,
  },
} satisfies Prisma.UserSelect;

type MemberRow = Prisma.UserGetPayload<{ select: typeof memberSelect }>;

export const ZMember = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: ZTeamRole,
  /** `invited`: has not chosen a password yet. */
  status: z.enum(['active', 'invited', 'disabled']),
  lastSignInAt: z.date().nullable(),
  /** When the pending invitation's link expires. */
  invitationExpiresAt: z.date().nullable(),
  therapistId: z.uuid().nullable(),
  createdAt: z.date(),
});

const ZSentMember = z.object({
  member: ZMember,
  /** Development only (links may be revealed): the invitation link, else null. */
  invitationLink: z.string().nullable(),
});

// The password hash is read only to tell "invited" apart and never leaves this function.
function toMember(row: MemberRow): z.infer<typeof ZMember> {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as z.infer<typeof ZTeamRole>,
    status: row.disabledAt ? 'disabled' : row.passwordHash ? 'active' : 'invited',
    lastSignInAt: row.lastSignInAt,
    invitationExpiresAt: row.passwordHash ? null : (row.accountTokens[0]?.expiresAt ?? null),
    therapistId: row.therapist?.id ?? null,
    createdAt: row.createdAt,
  };
}

const TEAM = {
  role: { in: ['OWNER', 'STAFF', 'THERAPIST'] as const },
} satisfies Prisma.UserWhereInput;

type Tx = Pick<TenantClient, 'user' | '$queryRaw'>;

async function memberOf(tx: Pick<TenantClient, 'user'>, userId: string) {
  const row = await tx.user.findFirst({ where: { id: userId, ...TEAM }, select: memberSelect });
  if (!row) throw notFound('Team member');
  return row;
}

/**
 * Refuses a change that would leave the clinic without an active owner. The clinic's active
 * owners are locked first (FOR UPDATE), so two owners demoting or disabling each other at the
 * same moment are decided one after the other: the second sees the first's change.
 */
async function keepAnOwner(tx: Tx, leavingOwnerId: string): Promise<void> {
  const owners = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE role = 'OWNER' AND disabled_at IS NULL ORDER BY id FOR UPDATE`;
  if (owners.every((owner) => owner.id === leavingOwnerId)) {
    throw new AppError(
      'CONFLICT',
      'A clinic always keeps an active owner: make someone else owner first.',
    );
  }
}

/** A therapist login needs a therapist profile for its schedule; one is made when missing. */
async function ensureTherapistProfile(
  tx: Pick<TenantClient, 'therapist'>,
  clinicId: string,
  user: { id: string; name: string },
  therapistId?: string,
): Promise<void> {
  if (therapistId) {
    const { count } = await tx.therapist.updateMany({
      where: { id: therapistId, userId: null, archivedAt: null },
      data: { userId: user.id },
    });
    if (count === 0) throw notFound('Therapist');
    return;
  }
  const existing = await tx.therapist.findFirst({
    where: { userId: user.id },
    select: { id: true },
  });
  if (!existing) {
    await tx.therapist.create({
      data: { clinicId, userId: user.id, name: user.name },
      select: { id: true },
    });
  }
}

/**
 * The clinic's team: owners invite staff and therapists, change their roles, and disable or
 * re-enable their accounts; staff see the team. Every change is audited.
 */
export const teamRouter = {
  /** Owners, staff and therapists with their status and last sign-in. */
  list: staffProcedure.output(z.array(ZMember)).query(async ({ ctx }) => {
    const rows = await ctx.db.user.findMany({
      where: TEAM,
      select: memberSelect,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: 500,
    });
    return rows.map(toMember);
  }),

  /**
   * Adds someone to the team and sends them an invitation link (valid 7 days, single use;
   * accepted by choosing a password). Their account is theirs at this clinic only: the same
   * email at another clinic is another user.
   */
  invite: ownerProcedure
    .input(ZTeamInviteInput)
    .output(ZSentMember)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const taken = await tx.user.findFirst({
          where: { email: input.email },
          select: { id: true },
        });
        if (taken) {
          throw new AppError('CONFLICT', 'Someone at this clinic already has that email.', [
            { field: 'email', message: 'Already has an account here.' },
          ]);
        }
        if (input.therapistId && input.role !== 'THERAPIST') {
          throw new AppError(
            'UNPROCESSABLE',
            'Only a therapist is linked to a therapist profile.',
            [{ field: 'therapistId', message: 'Choose the therapist role.' }],
          );
        }
        const user = await tx.user.create({
          data: { clinicId: ctx.clinic.id, email: input.email, name: input.name, role: input.role },
          select: { id: true, email: true, name: true, role: true },
        });
        if (input.role === 'THERAPIST') {
          await ensureTherapistProfile(tx, ctx.clinic.id, user, input.therapistId);
        }
        const sent = await sendInvitation(tx, ctx, { ...user, role: input.role });
        await recordAudit(tx, ctx, {
          action: 'team.invite',
          entityType: 'User',
          entityId: user.id,
          metadata: { role: input.role, expiresAt: sent.expiresAt.toISOString() },
        });
        return { member: toMember(await memberOf(tx, user.id)), invitationLink: sent.link };
      }),
    ),

  /** A new link for someone who has not accepted yet; the old link stops working. */
  resendInvitation: ownerProcedure
    .input(ZTeamResendInvitationInput)
    .output(ZSentMember)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const row = await memberOf(tx, input.userId);
        if (row.passwordHash || row.disabledAt) {
          throw new AppError('CONFLICT', 'Only a pending invitation can be sent again.');
        }
        const sent = await sendInvitation(tx, ctx, {
          ...row,
          role: row.role as z.infer<typeof ZTeamRole>,
        });
        await recordAudit(tx, ctx, {
          action: 'team.invite_resend',
          entityType: 'User',
          entityId: row.id,
          metadata: { expiresAt: sent.expiresAt.toISOString() },
        });
        return { member: toMember(await memberOf(tx, row.id)), invitationLink: sent.link };
      }),
    ),

  /**
   * Changes a member's role and ends their sessions (they sign in again with the new role).
   * The last active owner cannot be demoted.
   */
  changeRole: ownerProcedure
    .input(ZTeamChangeRoleInput)
    .output(ZMember)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const row = await memberOf(tx, input.userId);
        if (row.role === input.role) return toMember(row);
        if (row.role === 'OWNER') await keepAnOwner(tx, row.id);
        await tx.user.updateMany({ where: { id: row.id }, data: { role: input.role } });
        if (input.role === 'THERAPIST') await ensureTherapistProfile(tx, ctx.clinic.id, row);
        const { count } = await tx.session.deleteMany({ where: { userId: row.id } });
        await recordAudit(tx, ctx, {
          action: 'team.change_role',
          entityType: 'User',
          entityId: row.id,
          metadata: { from: row.role, to: input.role, sessionsEnded: count },
        });
        return toMember(await memberOf(tx, row.id));
      }),
    ),

  /**
   * Disables an account (its sessions end at once and its links stop working) or enables it
   * again. The last active owner cannot be disabled.
   */
  setDisabled: ownerProcedure
    .input(ZTeamSetDisabledInput)
    .output(ZMember)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const row = await memberOf(tx, input.userId);
        if (input.disabled === (row.disabledAt !== null)) return toMember(row);
        let sessionsEnded = 0;
        if (input.disabled) {
          if (row.role === 'OWNER') await keepAnOwner(tx, row.id);
          await tx.user.updateMany({
            where: { id: row.id },
            data: { disabledAt: ctx.services.now() },
          });
          sessionsEnded = (await tx.session.deleteMany({ where: { userId: row.id } })).count;
          await tx.accountToken.deleteMany({ where: { userId: row.id, usedAt: null } });
        } else {
          await tx.user.updateMany({ where: { id: row.id }, data: { disabledAt: null } });
        }
        await recordAudit(tx, ctx, {
          action: input.disabled ? 'team.disable' : 'team.enable',
          entityType: 'User',
          entityId: row.id,
          metadata: { role: row.role, sessionsEnded },
        });
        return toMember(await memberOf(tx, row.id));
      }),
    ),
} satisfies TRPCRouterRecord;
