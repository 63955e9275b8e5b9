import { Badge } from '@eventora/ui/badge';
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

import { Panel } from '~/components/panel';
import { formatDateTime } from '~/lib/format';
import type { JobsOverview } from './overview';

/** A clinic's latest finished job in each queue. */
export function ClinicRunsPanel({ runs }: { runs: JobsOverview['clinicRuns'] }) {
  return (
    <Panel title="Last runs" description="This clinic’s latest finished job in each queue.">
      {runs.length === 0 ? (
        <EmptyState title="No job has run for this clinic yet" />
      ) : (
        <Table>
          <TableCaption className="sr-only">Latest finished job per queue</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Queue</TableHead>
              <TableHead>Finished</TableHead>
              <TableHead>Outcome</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.map((run) => (
              <TableRow key={run.queue}>
                <TableCell className="font-mono">{run.queue}</TableCell>
                <TableCell className="whitespace-nowrap">
                  {formatDateTime(run.finishedAt)}
                </TableCell>
                <TableCell>
                  {run.state === 'completed' ? (
                    <Badge variant="outline">completed</Badge>
                  ) : (
                    <Badge variant="destructive">failed</Badge>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}
