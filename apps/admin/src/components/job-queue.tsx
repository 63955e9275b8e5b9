'use client';

import type { ConsoleRouter } from '@eventora/api';
import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { useState } from 'react';

import { AlertCount } from '~/components/badges';
import { ReasonDialog } from '~/components/reason-dialog';
import { ErrorState, LoadingBlock } from '~/components/states';
import { formatCount, formatDateTime } from '~/lib/format';
import { useTRPC } from '~/trpc/react';

type Overview = inferRouterOutputs<ConsoleRouter>['admin']['jobs']['overview'];
type DeadJob = Overview['deadJobs'][number];

/**
 * The job queue for the fleet, or for one clinic (`clinicId`): jobs per queue and state, the
 * last run of each schedule, and the dead jobs, each with a Retry that asks for a reason.
 */
export function JobQueue({ clinicId }: { clinicId?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [retrying, setRetrying] = useState<DeadJob | null>(null);
  const overview = useQuery({
    ...trpc.admin.jobs.overview.queryOptions({ clinicId }),
    refetchInterval: 15_000,
  });
  const retry = useMutation(
    trpc.admin.jobs.retryDeadJob.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.admin.jobs.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.admin.audit.pathKey() }),
        ]);
        setRetrying(null);
      },
    }),
  );

  if (overview.isPending) return <LoadingBlock label="Loading the job queue…" height={240} />;
  if (overview.isError)
    return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;

  return (
    <div className="stack">
      <QueueTable queues={data.queues} clinicId={clinicId} />
      {clinicId ? (
        <ClinicRunsTable runs={data.clinicRuns} />
      ) : (
        <ScheduleTable schedules={data.schedules} />
      )}
      <section className="panel" aria-labelledby="dead-jobs-title">
        <div className="panel-header">
          <div>
            <h2 id="dead-jobs-title">Dead jobs</h2>
            <p>Jobs that used up their attempts. A retry runs it again for the same clinic.</p>
          </div>
        </div>
        {data.deadJobs.length === 0 ? (
          <EmptyState title="No dead jobs" description="Every job finished or is still trying." />
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="sr-only">Dead jobs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Queue</th>
                  {clinicId ? null : <th scope="col">Clinic</th>}
                  <th scope="col" className="num">
                    Attempts
                  </th>
                  <th scope="col">Last error</th>
                  <th scope="col">Died</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.deadJobs.map((job) => (
                  <tr key={job.id}>
                    <td className="mono">{job.queue}</td>
                    {clinicId ? null : (
                      <td>
                        {job.clinic ? (
                          <Link className="row-link mono" href={`/clinics/${job.clinic.id}`}>
                            {job.clinic.slug}
                          </Link>
                        ) : (
                          '—'
                        )}
                      </td>
                    )}
                    <td className="num">{job.attempts}</td>
                    <td className="mono">{job.error ?? '—'}</td>
                    <td>{formatDateTime(job.diedAt)}</td>
                    <td>
                      <Button
                        size="sm"
                        variant="outline"
                        aria-label={`Retry ${job.queue} job ${job.id}`}
                        onClick={() => {
                          retry.reset();
                          setRetrying(job);
                        }}
                      >
                        Retry
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ReasonDialog
        open={retrying !== null}
        onOpenChange={(open) => (open ? undefined : setRetrying(null))}
        title="Retry this job?"
        description={
          retrying ? (
            <>
              The <span className="mono">{retrying.queue}</span> job
              {retrying.clinic ? ` of ${retrying.clinic.slug}` : ''} goes back in its queue for one
              more attempt, with the same data.
            </>
          ) : null
        }
        reasonHint={
          retrying?.clinic
            ? 'Recorded in the platform audit log and in the clinic’s own audit log, which its owners read.'
            : 'Recorded in the platform audit log.'
        }
        confirmLabel="Retry job"
        pending={retry.isPending}
        error={retry.error}
        onConfirm={(reason) => retrying && retry.mutate({ id: retrying.id, reason })}
      />
    </div>
  );
}

function QueueTable({ queues, clinicId }: { queues: Overview['queues']; clinicId?: string }) {
  return (
    <section className="panel" aria-labelledby="queues-title">
      <div className="panel-header">
        <div>
          <h2 id="queues-title">Queues</h2>
          <p>
            {clinicId ? 'This clinic’s jobs' : 'All jobs'} by state; refreshes every 15 seconds.
          </p>
        </div>
      </div>
      <div className="table-wrap">
        <table className="data">
          <caption className="sr-only">Jobs per queue and state</caption>
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col" className="num">
                Waiting
              </th>
              <th scope="col" className="num">
                Running
              </th>
              <th scope="col" className="num">
                Failed (will retry)
              </th>
              <th scope="col" className="num">
                Dead
              </th>
            </tr>
          </thead>
          <tbody>
            {queues.map((row) => (
              <tr key={row.queue}>
                <td className="mono">{row.queue}</td>
                <td className="num">{formatCount(row.waiting)}</td>
                <td className="num">{formatCount(row.running)}</td>
                <td className="num">{formatCount(row.failed)}</td>
                <td className="num">
                  <AlertCount value={row.dead} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ScheduleTable({ schedules }: { schedules: Overview['schedules'] }) {
  return (
    <section className="panel" aria-labelledby="schedules-title">
      <div className="panel-header">
        <div>
          <h2 id="schedules-title">Schedules</h2>
          <p>The last run of each fleet schedule: one job per clinic.</p>
        </div>
      </div>
      {schedules.length === 0 ? (
        <EmptyState title="No schedule has run yet" description="Is the worker running?" />
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">Last run of each schedule</caption>
            <thead>
              <tr>
                <th scope="col">Schedule</th>
                <th scope="col">Started</th>
                <th scope="col">Finished</th>
                <th scope="col" className="num">
                  Clinics
                </th>
                <th scope="col" className="num">
                  Succeeded
                </th>
                <th scope="col" className="num">
                  Failed
                </th>
                <th scope="col" className="num">
                  Skipped
                </th>
              </tr>
            </thead>
            <tbody>
              {schedules.map((run) => (
                <tr key={run.schedule}>
                  <td className="mono">{run.schedule}</td>
                  <td>{formatDateTime(run.startedAt)}</td>
                  <td>{run.finishedAt ? formatDateTime(run.finishedAt) : 'running'}</td>
                  <td className="num">{formatCount(run.clinics)}</td>
                  <td className="num">{formatCount(run.succeeded)}</td>
                  <td className="num">
                    <AlertCount value={run.failed} />
                  </td>
                  <td className="num">{formatCount(run.skipped)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ClinicRunsTable({ runs }: { runs: Overview['clinicRuns'] }) {
  return (
    <section className="panel" aria-labelledby="clinic-runs-title">
      <div className="panel-header">
        <div>
          <h2 id="clinic-runs-title">Last runs</h2>
          <p>This clinic’s latest finished job in each queue.</p>
        </div>
      </div>
      {runs.length === 0 ? (
        <EmptyState title="No job has run for this clinic yet" />
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">Latest finished job per queue</caption>
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Finished</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.queue}>
                  <td className="mono">{run.queue}</td>
                  <td>{formatDateTime(run.finishedAt)}</td>
                  <td>
                    {run.state === 'completed' ? (
                      <Badge variant="outline">completed</Badge>
                    ) : (
                      <Badge variant="destructive">failed</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
