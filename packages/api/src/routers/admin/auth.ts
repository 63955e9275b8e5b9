import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  blankPlatformSessionCookie,
  invalidatePlatformSession,
  platformSessionCookie,
  platformSignIn,
} from '@eventora/auth';

import { recordPlatformAudit } from '../../audit/record-platform-audit';
import { cookieOptions } from '../../request/session-cookie';
import { platformProcedure, publicProcedure } from '../../trpc';
import { ZAdminAuthSignInInput } from '../../schemas/admin';

const ZOperator = z.object({ id: z.uuid(), email: z.string(), name: z.string() });

/** Operators sign in with their own accounts and cookie; clinic accounts do not exist here. */
export const adminAuthRouter = {
  signIn: publicProcedure
    .input(ZAdminAuthSignInInput)
    .output(z.object({ operator: ZOperator, expiresAt: z.date() }))
    .mutation(async ({ ctx, input }) => {
      const { token, session, operator } = await platformSignIn(
        ctx.services.platform,
        { ...input, ip: ctx.request.ip },
        { clock: ctx.services.now },
      );
      await recordPlatformAudit(
        ctx.services.platform,
        { ...ctx, operator },
        { action: 'platform.sign_in' },
      );
      ctx.resHeaders.append(
        'Set-Cookie',
        platformSessionCookie(token, session.expiresAt, cookieOptions(ctx)),
      );
      return {
        operator: { id: operator.id, email: operator.email, name: operator.name },
        expiresAt: session.expiresAt,
      };
    }),

  signOut: platformProcedure
    .output(z.object({ signedOut: z.literal(true) }))
    .mutation(async ({ ctx }) => {
      await invalidatePlatformSession(ctx.services.platform, ctx.platformSession.id);
      await recordPlatformAudit(ctx.services.platform, ctx, { action: 'platform.sign_out' });
      ctx.resHeaders.append('Set-Cookie', blankPlatformSessionCookie(cookieOptions(ctx)));
      return { signedOut: true as const };
    }),

  me: platformProcedure.output(z.object({ operator: ZOperator })).query(({ ctx }) => ({
    operator: { id: ctx.operator.id, email: ctx.operator.email, name: ctx.operator.name },
  })),
} satisfies TRPCRouterRecord;
