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
import { formatCount } from '~/lib/format';
import type { JobsOverview } from './overview';

/** Jobs per queue and state. */
export function QueuesPanel({
  queues,
  clinicId,
}: {
  queues: JobsOverview['queues'];
  clinicId?: string;
}) {
  return (
    <Panel
      title="Queues"
      description={`${clinicId ? 'This clinic’s jobs' : 'All jobs'} by state; refreshes every 15 seconds.`}
    >
      <Table className="tabular-nums">
        <TableCaption className="sr-only">Jobs per queue and state</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Queue</TableHead>
            <TableHead className="text-right">Waiting</TableHead>
            <TableHead className="text-right">Running</TableHead>
            <TableHead className="text-right">Failed (will retry)</TableHead>
            <TableHead className="text-right">Dead</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {queues.map((row) => (
            <TableRow key={row.queue}>
              <TableCell className="font-mono">{row.queue}</TableCell>
              <TableCell className="text-right">{formatCount(row.waiting)}</TableCell>
              <TableCell className="text-right">{formatCount(row.running)}</TableCell>
              <TableCell className="text-right">{formatCount(row.failed)}</TableCell>
              <TableCell className="text-right">
                <AlertCount value={row.dead} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Panel>
  );
}
