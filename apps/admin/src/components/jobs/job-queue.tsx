'use client';

import { LoadError } from '@eventora/ui/load-error';
import { useQuery } from '@tanstack/react-query';

import { LoadingBlock } from '~/components/states';
import { useTRPC } from '~/trpc/react';
import { ClinicRunsPanel } from './clinic-runs-panel';
import { DeadJobsPanel } from './dead-jobs-panel';
import { QueuesPanel } from './queues-panel';
import { SchedulesPanel } from './schedules-panel';

/**
 * The job queue for the fleet, or for one clinic (`clinicId`): jobs per queue and state, the
 * last run of each schedule (the fleet) or queue (a clinic), and the dead jobs.
 */
export function JobQueue({ clinicId }: { clinicId?: string }) {
  const trpc = useTRPC();
  const overview = useQuery({
    ...trpc.admin.jobs.overview.queryOptions({ clinicId }),
    refetchInterval: 15_000,
  });

  if (overview.isPending) return <LoadingBlock label="Loading the job queue…" height={240} />;
  if (overview.isError)
    return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;

  return (
    <div className="grid gap-4 *:min-w-0">
      <QueuesPanel queues={data.queues} clinicId={clinicId} />
      {clinicId ? (
        <ClinicRunsPanel runs={data.clinicRuns} />
      ) : (
        <SchedulesPanel schedules={data.schedules} />
      )}
      <DeadJobsPanel jobs={data.deadJobs} clinicId={clinicId} />
    </div>
  );
}
