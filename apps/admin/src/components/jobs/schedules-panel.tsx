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

import { AlertCount } from '~/components/badges';
import { Panel } from '~/components/panel';
import { formatCount, formatDateTime } from '~/lib/format';
import type { JobsOverview } from './overview';

/** The last run of each fleet schedule (one job per clinic). */
export function SchedulesPanel({ schedules }: { schedules: JobsOverview['schedules'] }) {
  return (
    <Panel title="Schedules" description="The last run of each fleet schedule: one job per clinic.">
      {schedules.length === 0 ? (
        <EmptyState title="No schedule has run yet" description="Is the worker running?" />
      ) : (
        <Table className="tabular-nums">
          <TableCaption className="sr-only">Last run of each schedule</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Schedule</TableHead>
              <TableHead>Started</TableHead>
              <TableHead>Finished</TableHead>
              <TableHead className="text-right">Clinics</TableHead>
              <TableHead className="text-right">Succeeded</TableHead>
              <TableHead className="text-right">Failed</TableHead>
              <TableHead className="text-right">Skipped</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {schedules.map((run) => (
              <TableRow key={run.schedule}>
                <TableCell className="font-mono">{run.schedule}</TableCell>
                <TableCell className="whitespace-nowrap">{formatDateTime(run.startedAt)}</TableCell>
                <TableCell className="whitespace-nowrap">
                  {run.finishedAt ? formatDateTime(run.finishedAt) : 'running'}
                </TableCell>
                <TableCell className="text-right">{formatCount(run.clinics)}</TableCell>
                <TableCell className="text-right">{formatCount(run.succeeded)}</TableCell>
                <TableCell className="text-right">
                  <AlertCount value={run.failed} />
                </TableCell>
                <TableCell className="text-right">{formatCount(run.skipped)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}
