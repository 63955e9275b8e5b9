import type { ConsoleRouter } from '@eventora/api';
import type { inferRouterOutputs } from '@trpc/server';

/** What each console procedure answers, for typing views (never written by hand). */
export type RouterOutputs = inferRouterOutputs<ConsoleRouter>;
