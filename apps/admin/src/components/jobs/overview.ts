import type { RouterOutputs } from '~/trpc/outputs';

/** The job queue's overview, as the jobs procedure answers it. */
export type JobsOverview = RouterOutputs['admin']['jobs']['overview'];
