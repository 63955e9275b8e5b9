import type { AppRouter } from '@eventora/api';
import type { inferRouterOutputs } from '@trpc/server';

/** What each procedure answers, for typing views (never written by hand). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
