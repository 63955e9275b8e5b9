'use client';

import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@eventora/ui/table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';

import { Panel } from '~/components/panel';
import { ReasonDialog } from '~/components/reason-dialog';
import { formatDateTime } from '~/lib/format';
import { ROW_LINK } from '~/lib/styles';
import { useTRPC } from '~/trpc/react';
import type { JobsOverview } from './overview';

type DeadJob = JobsOverview['deadJobs'][number];

/** Jobs that used up their attempts, each with a Retry that asks for a reason. */
export function DeadJobsPanel({ jobs, clinicId }: { jobs: DeadJob[]; clinicId?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [retrying, setRetrying] = useState<DeadJob | null>(null);
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

  return (
    <Panel
      title="Dead jobs"
      description="Jobs that used up their attempts. A retry runs it again for the same clinic."
    >
      {jobs.length === 0 ? (
        <EmptyState title="No dead jobs" description="Every job finished or is still trying." />
      ) : (
        <Table>
          <TableCaption className="sr-only">Dead jobs, newest first</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Queue</TableHead>
              {clinicId ? null : <TableHead>Clinic</TableHead>}
              <TableHead className="text-right">Attempts</TableHead>
              <TableHead>Last error</TableHead>
              <TableHead>Died</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {jobs.map((job) => (
              <TableRow key={job.id}>
                <TableCell className="font-mono">{job.queue}</TableCell>
                {clinicId ? null : (
                  <TableCell>
                    {job.clinic ? (
                      <Link className={ROW_LINK} href={`/clinics/${job.clinic.id}`}>
                        {job.clinic.slug}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                )}
                <TableCell className="text-right tabular-nums">{job.attempts}</TableCell>
                <TableCell className="font-mono">{job.error ?? '—'}</TableCell>
                <TableCell className="whitespace-nowrap">{formatDateTime(job.diedAt)}</TableCell>
                <TableCell>
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
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ReasonDialog
        open={retrying !== null}
        onOpenChange={(open) => (open ? undefined : setRetrying(null))}
        title="Retry this job?"
        description={
          retrying ? (
            <>
              The <span className="font-mono">{retrying.queue}</span> job
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
    </Panel>
  );
}
