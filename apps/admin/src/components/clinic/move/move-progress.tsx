'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import { useEffect, useState } from 'react';

import { StepList } from '~/components/step-list';
import { formatCount, formatDateTime } from '~/lib/format';
import type { MoveView } from './move-view';

const STEP_LABELS: Record<string, string> = {
  plan: 'Plan',
  provision: 'Provision the target',
  copy: 'Copy (the clinic keeps working)',
  catch_up: 'Catch up with writes made meanwhile',
  freeze: 'Freeze writes',
  final_delta: 'Apply the last changes',
  verify: 'Verify counts and checksums',
  flip: 'Flip the routing',
  smoke: 'Smoke test on the new route',
  unfreeze: 'Unfreeze',
  retained: 'Done: old place kept for rollback',
};

/** A move in flight or stopped: its steps, the freeze window, per-table copy bars, Resume. */
export function MoveProgress({
  move,
  live,
  onResume,
  resuming,
  resumeError,
}: {
  move: MoveView;
  live: boolean;
  onResume: () => void;
  resuming: boolean;
  resumeError: unknown;
}) {
  const at = move.steps.indexOf(move.step);
  const stopped = !live;
  const steps = move.steps.filter((step) => step !== 'cleaned_up');
  return (
    <div className="grid gap-4" aria-label="Move in progress">
      <p>
        <strong>
          {move.from.label} → {move.to.label}
        </strong>{' '}
        <span className="text-muted-foreground text-sm">
          started {formatDateTime(move.createdAt)} by {move.actor}: {move.reason}
        </span>
      </p>
      <FreezeWindow move={move} />
      {stopped ? (
        <Alert variant={move.state === 'failed' ? 'destructive' : 'default'}>
          <AlertTitle>
            {move.state === 'failed'
              ? `Stopped at “${STEP_LABELS[move.step] ?? move.step}”`
              : 'Interrupted: no process is running this move'}
          </AlertTitle>
          <AlertDescription>
            <p>
              {move.error ??
                'The process that ran it stopped (a restart?). Its state is saved: resume it from this step, or roll it back.'}
            </p>
            <div className="mt-2 flex gap-2">
              <Button size="sm" onClick={onResume} disabled={resuming}>
                Resume
              </Button>
            </div>
            {resumeError ? <p className="mt-2">{errorMessage(resumeError)}</p> : null}
          </AlertDescription>
        </Alert>
      ) : null}
      <StepList
        label="Move steps"
        steps={steps.map((step, i) => ({
          label: STEP_LABELS[step] ?? step,
          state: i < at ? 'done' : i === at ? (stopped ? 'failed' : 'active') : 'pending',
        }))}
      />
      <TableBars tables={move.tables} />
    </div>
  );
}

/** While frozen: how long writes have been frozen, counted live; after: how long they were. */
function FreezeWindow({ move }: { move: MoveView }) {
  const [now, setNow] = useState(() => Date.now());
  const frozen = move.frozenAt && !move.unfrozenAt;
  useEffect(() => {
    if (!frozen) return;
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [frozen]);
  if (!move.frozenAt) return null;
  const since = Math.max(0, now - new Date(move.frozenAt).getTime());
  return (
    <Alert variant="info">
      <AlertTitle>Writes frozen for {(since / 1000).toFixed(1)} s</AlertTitle>
      <AlertDescription>
        Since {formatDateTime(move.frozenAt)}. Its users can read; their writes answer “being
        upgraded, try again in a minute”.
      </AlertDescription>
    </Alert>
  );
}

function TableBars({ tables }: { tables: MoveView['tables'] }) {
  const shown = tables.filter((table) => table.planned > 0 || table.rows > 0);
  if (shown.length === 0) return null;
  return (
    <div className="grid gap-1.5" aria-label="Copy progress per table">
      {shown.map((table) => {
        const share = table.copied ? 1 : Math.min(1, table.rows / Math.max(1, table.planned));
        return (
          <div key={table.table} className="grid grid-cols-[10rem_1fr_8rem] items-center gap-2">
            <span className="truncate font-mono">{table.table}</span>
            <progress
              className="h-2 w-full"
              max={1}
              value={share}
              aria-label={`${table.table} copied`}
            />
            <span className="text-muted-foreground text-right text-sm">
              {formatCount(table.rows)} / {formatCount(table.planned)}
              {table.copied ? ' ✓' : ''}
            </span>
          </div>
        );
      })}
    </div>
  );
}
