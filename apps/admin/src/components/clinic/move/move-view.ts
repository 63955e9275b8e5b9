import type { RouterOutputs } from '~/trpc/outputs';

/** One move of a clinic, as the move status procedure answers it. */
export type MoveView = RouterOutputs['admin']['move']['status']['history'][number];
