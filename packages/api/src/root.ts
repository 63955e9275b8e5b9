import { createCallerFactory, createRouter } from './trpc';
import { authRouter } from './routers/auth/router';

/** The clinic portal's API, served by apps/web at /api/trpc. */
export const appRouter = createRouter({
  auth: authRouter,
});

export type AppRouter = typeof appRouter;

/** Calls the portal's procedures in-process (tests, server components). */
export const createAppCaller = createCallerFactory(appRouter);
