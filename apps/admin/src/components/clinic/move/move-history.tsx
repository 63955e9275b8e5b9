import { EmptyState } from '@eventora/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@eventora/ui/table';

import { formatDateTime } from '~/lib/format';
import type { MoveView } from './move-view';

/** Every move of the clinic, newest first, with how long writes were frozen. */
export function MoveHistory({ moves }: { moves: MoveView[] }) {
  if (moves.length === 0) {
    return <EmptyState title="This clinic has never moved." className="py-6" />;
  }
  return (
    <Table aria-label="Move history">
      <TableHeader>
        <TableRow>
          <TableHead>Started</TableHead>
          <TableHead>From → to</TableHead>
          <TableHead>State</TableHead>
          <TableHead>Frozen</TableHead>
          <TableHead>By</TableHead>
          <TableHead>Reason</TableHead>
          <TableHead>Old place kept until</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {moves.map((move) => (
          <TableRow key={move.id}>
            <TableCell className="whitespace-nowrap">{formatDateTime(move.createdAt)}</TableCell>
            <TableCell className="whitespace-nowrap">
              {move.from.label} → {move.to.label}
              {move.rollbackOf ? <span className="text-muted-foreground"> (rollback)</span> : null}
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {move.state === 'running' || move.state === 'failed'
                ? `${move.state} at ${move.step}`
                : move.state.replace('_', ' ')}
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {move.freezeMs === null ? '—' : `${(move.freezeMs / 1000).toFixed(2)} s`}
            </TableCell>
            <TableCell>{move.actor}</TableCell>
            <TableCell className="min-w-56">{move.reason}</TableCell>
            <TableCell className="whitespace-nowrap">
              {move.cleanedAt
                ? `cleaned ${formatDateTime(move.cleanedAt)}`
                : move.state === 'done'
                  ? formatDateTime(move.retainUntil)
                  : '—'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
