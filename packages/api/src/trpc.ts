import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Role } from '@eventora/db';
import {
  STAFF_ROLES,
  readPlatformSessionToken,
  readSessionToken,
  validatePlatformSessionToken,
  validateSessionToken,
} from '@eventora/auth';
import { withClinicTag } from '@eventora/observability';
import { runWithClinic, type ClinicRecord } from '@eventora/tenancy';

import type { ApiContext } from './context';
import { ClinicFrozen, FieldErrors, toTRPCError } from './errors/to-trpc-error';
import { clinicSlugFor } from './request/clinic-slug';
import { observeCall } from './request/observe-call';
import { renewSessionCookie } from './request/session-cookie';
import { recordClinicCall } from './request/request-stats';

/*
 * 1. INIT
 *
 * Errors: every known error keeps its safe message and, for bad input, field messages
 * (`data.fields`); nothing internal (SQL, constraint names, stacks) reaches a client.
 */
const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      message: error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal error.' : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fields: fieldsOf(error.cause),
        // A CONFLICT that is a move's freeze, not a clash: clients say "try again in a minute".
        reason: error.cause instanceof ClinicFrozen ? ('CLINIC_FROZEN' as const) : null,
      },
    };
  },
});

function fieldsOf(cause: unknown): { field: string; message: string }[] {
  if (cause instanceof ZodError) {
    return cause.issues.map((issue) => ({
      field: issue.path.join('.') || '(input)',
      message: issue.message,
    }));
  }
  return cause instanceof FieldErrors ? [...cause.fields] : [];
}

export const createCallerFactory = t.createCallerFactory;
export const createRouter = t.router;

/*
 * 2. MIDDLEWARE
 */

/** Turns domain, auth, tenancy and database errors into tRPC errors (errors/to-trpc-error.ts). */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const { error } = result;
  throw error.code === 'INTERNAL_SERVER_ERROR' && error.cause ? toTRPCError(error.cause) : error;
});

/** One log line, a span and metrics per call (request/observe-call.ts); the ladder fills `ctx.call`. */
const observe = t.middleware(({ ctx, path, type, next }) =>
  observeCall({ services: ctx.services, request: ctx.request, path, type }, (call) =>
    next({ ctx: { call } }),
  ),
);

/**
 * Fair share: a clinic past its request rate gets 429 with Retry-After before anything of the
 * call runs; other clinics' buckets are untouched. Counted per call, like the health charts.
 */
function refuseOverRate(ctx: ApiContext, clinic: ClinicRecord): void {
  const verdict = ctx.services.rateLimiter?.take(clinic.id, clinic.requestRatePerSecond);
  if (!verdict || verdict.allowed) return;
  ctx.resHeaders.set('Retry-After', String(verdict.retryAfterSeconds));
  throw new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `This clinic is sending too many requests; try again in ${verdict.retryAfterSeconds} s.`,
  });
}

/*
 * 3. PROCEDURES
 */

/** Anyone; no clinic bound. */
export const publicProcedure = t.procedure.use(observe).use(mapErrors);

/**
 * Anyone at a clinic's address (sign-in, sign-up, public catalog). Binds the clinic the request is addressed to (host or x-clinic header) for the rest of the
 * call: every query through `ctx.db` is scoped to it and runs under its RLS binding. An
 * unknown or suspended clinic answers NOT_FOUND; a header naming a different clinic than the
 * host answers BAD_REQUEST.
 */
export const clinicPublicProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const started = performance.now();
  const target = clinicSlugFor(ctx.request, ctx.services.rootDomain);
  if (target.kind === 'conflict') {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'The x-clinic header does not match the address.',
    });
  }
  if (target.kind === 'none')
    throw new TRPCError({ code: 'NOT_FOUND', message: 'No such clinic.' });
  const { clinic, db } = await ctx.services.tenants.resolve(target.slug, { by: 'slug' });
  ctx.call.clinic = { id: clinic.id, slug: clinic.slug, mode: clinic.mode };
  refuseOverRate(ctx, clinic);
  const result = await withClinicTag(ctx.call.clinic, () =>
    runWithClinic(clinic, () => next({ ctx: { clinic, db } })),
  );
  // Per-clinic API calls, errors and latency for the console's health charts: counted in memory
  // and added to a control-plane table in batches (request/request-stats.ts), never
  // on the tenant tables' RLS path. Calls refused before a clinic is bound are no clinic's.
  recordClinicCall(ctx.services, clinic.id, type, result, performance.now() - started);
  return result;
});

/**
 * A signed-in user of the clinic: `ctx.user`, `ctx.session`, `ctx.clinic`, and `ctx.db` bound
 * to the session's clinic. The session is looked up with the request's clinic bound, so a
 * session of another clinic (a cookie copied across, or a bearer token sent with another
 * clinic's x-clinic) is simply unknown here: UNAUTHORIZED.
 */
export const authedProcedure = clinicPublicProcedure.use(async ({ ctx, next }) => {
  const token = readSessionToken(ctx.request);
  const valid = token
    ? await validateSessionToken(ctx.db, token, { clock: ctx.services.now })
    : null;
  if (!token || !valid) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
  renewSessionCookie(ctx, token, valid.session.expiresAt);
  ctx.call.userId = valid.user.id;
  return next({ ctx: { user: valid.user, session: valid.session } });
});

/** The procedure for clinic data: the session's clinic is bound and `ctx.db` is its tenant client. */
export const clinicProcedure = authedProcedure;

/** FORBIDDEN is only for a missing role inside one's own clinic (other clinics answer NOT_FOUND). */
const withRole = (roles: readonly Role[]) =>
  clinicProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'Your role at this clinic does not allow this.',
      });
    }
    return next();
  });

/** Staff and owners of the clinic. */
export const staffProcedure = withRole(STAFF_ROLES);

/** Everyone who works at the clinic: owners, staff and therapists (never clients). */
export const teamProcedure = withRole(['OWNER', 'STAFF', 'THERAPIST']);

/** Owners of the clinic. */
export const ownerProcedure = withRole(['OWNER']);

/**
 * A platform operator signed in to the admin console (its own cookie; clinic sessions are not
 * accepted). No clinic is bound: operators reach clinic data only through `asPlatform`.
 */
export const platformProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const token = readPlatformSessionToken(ctx.request);
  const valid = token
    ? await validatePlatformSessionToken(ctx.services.platform, token, { clock: ctx.services.now })
    : null;
  if (!valid)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in to the console.' });
  ctx.call.operatorId = valid.operator.id;
  return next({ ctx: { operator: valid.operator, platformSession: valid.session } });
});
