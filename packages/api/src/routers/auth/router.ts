import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  blankSessionCookie,
  invalidateSession,
  invalidateUserSessions,
  requestPasswordReset,
  resetPassword,
  sessionCookie,
  signIn,
  signUp,
  type InTransaction,
  type SignedIn,
} from '@eventora/auth';

import { recordAudit } from '../../audit/record-audit';
import { assertCurrentNotice } from '../../privacy/privacy-notice';
import { cookieOptions } from '../../request/session-cookie';
import { recordConsent } from '../privacy/consent';
import { authedProcedure, clinicPublicProcedure } from '../../trpc';
import {
  ZAuthRequestPasswordResetInput,
  ZAuthResetPasswordInput,
  ZAuthSetLocaleInput,
  ZAuthSignInInput,
  ZAuthSignOutInput,
  ZAuthSignUpInput,
} from '../../schemas/auth';
import { ZLocale } from '../../schemas/common';

const ZSessionUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['OWNER', 'STAFF', 'THERAPIST', 'CLIENT']),
});
const ZSignedIn = z.object({
  user: ZSessionUser,
  expiresAt: z.date(),
  /** Only for `bearer: true`. */
  token: z.string().optional(),
});

export const authRouter = {
  signIn: clinicPublicProcedure
    .input(ZAuthSignInInput)
    .output(ZSignedIn)
    .mutation(async ({ ctx, input }) =>
      handOver(
        ctx,
        input.bearer,
        await signIn(
          ctx.db,
          { ...input, ...client(ctx) },
          { clock: ctx.services.now, inTransaction: sessionStarted(ctx, 'auth.sign_in') },
        ),
      ),
    ),

  signUp: clinicPublicProcedure
    .input(ZAuthSignUpInput)
    .output(ZSignedIn)
    .mutation(async ({ ctx, input }) => {
      // Checked before the account exists: no account without consent to the current notice.
      await assertCurrentNotice(ctx.db, ctx.clinic, input.acceptedNoticeVersion);
      const started = sessionStarted(ctx, 'auth.sign_up');
      const signedUp = await signUp(
        ctx.db,
        { ...input, ...client(ctx) },
        {
          clock: ctx.services.now,
          // The consent and the audit entry commit with the account, or none of them does.
          inTransaction: async (tx, done) => {
            await recordConsent(
              { db: tx, clinic: ctx.clinic, user: done.user },
              input.acceptedNoticeVersion,
            );
            await started(tx, done);
          },
        },
      );
      return handOver(ctx, input.bearer, signedUp);
    }),

  signOut: authedProcedure
    .input(ZAuthSignOutInput)
    .output(z.object({ endedSessions: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      // The sessions end with their audit entry, in one transaction.
      const endedSessions = await ctx.db.$transaction(async (tx) => {
        const ended = input.everywhere
          ? await invalidateUserSessions(tx, ctx.user.id)
          : (await invalidateSession(tx, ctx.session.id), 1);
        await recordAudit(tx, ctx, {
          action: input.everywhere ? 'auth.sign_out_everywhere' : 'auth.sign_out',
        });
        return ended;
      });
      ctx.resHeaders.append('Set-Cookie', blankSessionCookie(cookieOptions(ctx)));
      return { endedSessions };
    }),

  me: authedProcedure
    .output(
      z.object({
        user: ZSessionUser.extend({ locale: ZLocale.nullable() }),
        clinic: z.object({ slug: z.string(), name: z.string() }),
      }),
    )
    .query(async ({ ctx }) => {
      const row = await ctx.db.user.findFirst({
        where: { id: ctx.user.id },
        select: { locale: true },
      });
      return {
        user: { ...pickUser(ctx.user), locale: asLocale(row?.locale) },
        clinic: { slug: ctx.clinic.slug, name: ctx.clinic.name },
      };
    }),

  /** The signed-in person's own language (null: the clinic's); their next mail uses it too. */
  setLocale: authedProcedure
    .input(ZAuthSetLocaleInput)
    .output(z.object({ locale: ZLocale.nullable() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.db.user.updateMany({ where: { id: ctx.user.id }, data: { locale: input.locale } });
      return { locale: input.locale };
    }),

  requestPasswordReset: clinicPublicProcedure
    .input(ZAuthRequestPasswordResetInput)
    .output(z.object({ accepted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      // Same answer whether or not the email has an account.
      await requestPasswordReset(ctx.db, input, {
        mailer: ctx.services.mailer,
        clock: ctx.services.now,
      });
      return { accepted: true as const };
    }),

  resetPassword: clinicPublicProcedure
    .input(ZAuthResetPasswordInput)
    .output(z.object({ reset: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await resetPassword(ctx.db, input, {
        clock: ctx.services.now,
        // In the reset's transaction: no new password without its audit entry.
        inTransaction: (tx, { userId }) =>
          recordAudit(
            tx,
            { ...ctx, user: { id: userId } },
            { action: 'auth.reset_password', entityType: 'User', entityId: userId },
          ),
      });
      return { reset: true as const };
    }),
} satisfies TRPCRouterRecord;

function asLocale(value: string | null | undefined): z.infer<typeof ZLocale> | null {
  return value === 'en' || value === 'es' ? value : null;
}

function pickUser(user: z.infer<typeof ZSessionUser>) {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

type PublicContext = Parameters<Parameters<typeof clinicPublicProcedure.mutation>[0]>[0]['ctx'];

function client(ctx: PublicContext) {
  return { ip: ctx.request.ip, userAgent: ctx.request.userAgent };
}

/**
 * The work that commits with a new session: its audit entry, and the user's last sign-in
 * (the team page shows it).
 */
function sessionStarted(ctx: PublicContext, action: string): InTransaction<SignedIn> {
  return async (tx, { session, user }) => {
    await recordAudit(tx, { ...ctx, user }, { action, entityType: 'User', entityId: user.id });
    await tx.user.updateMany({
      where: { id: user.id },
      data: { lastSignInAt: session.createdAt },
    });
  };
}

/** Hands a new session over: as a cookie to browsers, in the answer to bearers. */
function handOver(ctx: PublicContext, bearer: boolean, { token, session, user }: SignedIn) {
  if (bearer) return { user: pickUser(user), expiresAt: session.expiresAt, token };
  ctx.resHeaders.append('Set-Cookie', sessionCookie(token, session.expiresAt, cookieOptions(ctx)));
  return { user: pickUser(user), expiresAt: session.expiresAt };
}
