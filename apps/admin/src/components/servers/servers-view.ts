import type { RouterOutputs } from '~/trpc/outputs';

/** A database server as the servers procedure answers it. */
export type ServerView = RouterOutputs['admin']['servers']['list']['servers'][number];
export type ServerState = ServerView['state'];
