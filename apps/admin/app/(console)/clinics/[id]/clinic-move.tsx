'use client';

import type { ConsoleRouter } from '@eventora/api';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useEffect, useRef, useState } from 'react';

import { ReasonDialog } from '~/components/reason-dialog';
import { ErrorState, errorMessage, LoadingBlock } from '~/components/states';
import { formatBytes, formatCount, formatDateTime } from '~/lib/format';
import { useTRPC } from '~/trpc/react';
import { useClinicMove } from './use-clinic-move';

type Outputs = inferRouterOutputs<ConsoleRouter>['admin']['move'];
type MoveView = Outputs['status']['history'][number];
type Mode = 'shared' | 'schema' | 'database';

const MODES: { mode: Mode; label: string; hint: string }[] = [
  { mode: 'shared', label: 'Shared tables', hint: 'Row level security by clinic' },
  { mode: 'schema', label: 'Own schema', hint: 'clinic_<slug> in the shared database' },
  { mode: 'database', label: 'Own database', hint: 'eventora_clinic_<slug> on the server' },
];

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

/**
 * "Move…" on a clinic's page: the plan, a confirmation with a reason, the move's live progress
 * (steps, per-table bars, the freeze window as it happens), resume and rollback, and the
 * clinic's move history. The move runs in the console's server; this polls its record.
 */
export function ClinicMove({
  clinic,
  onChanged,
}: {
  clinic: { id: string; name: string; mode: Mode; status: string };
  onChanged: () => void;
}) {
  const { status, start, resume, rollback } = useClinicMove(clinic.id, onChanged);
  const [dialog, setDialog] = useState<'move' | 'rollback' | null>(null);
  const [to, setTo] = useState<Mode>(clinic.mode === 'shared' ? 'schema' : 'shared');
  useFinished(status.data?.current ?? null, status.data?.live ?? false, onChanged);

  if (status.isPending) return <LoadingBlock label="Loading moves…" height={80} />;
  if (status.isError)
    return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  const { live, current, history } = status.data;
  const canMove = !current && !live && clinic.status === 'active';

  return (
    <section className="panel" aria-labelledby="move-title">
      <div className="panel-header">
        <div>
          <h2 id="move-title">Where its data lives: moves</h2>
          <p>
            Move the clinic between the shared tables, its own schema and its own database while it
            keeps working; writes pause only for the last changes.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {status.data.rollback.possible ? (
            <Button variant="outline" onClick={() => setDialog('rollback')}>
              Roll back…
            </Button>
          ) : null}
          <Button disabled={!canMove} onClick={() => setDialog('move')}>
            Move…
          </Button>
        </div>
      </div>

      {current ? (
        <MoveProgress
          move={current}
          live={live}
          onResume={() => resume.mutate({ clinicId: clinic.id })}
          resuming={resume.isPending}
          resumeError={resume.error}
        />
      ) : null}
      <MoveHistory moves={history} />

      <ReasonDialog
        open={dialog === 'move'}
        onOpenChange={(open) => setDialog(open ? 'move' : null)}
        title={`Move ${clinic.name}?`}
        description="Copies its rows while it keeps working, then freezes its writes for the last changes (about a second), verifies, flips the routing and unfreezes. The old place is kept for 7 days for a rollback."
        confirmLabel="Start the move"
        pending={start.isPending}
        error={start.error}
        onConfirm={(reason) =>
          start.mutate({ clinicId: clinic.id, to, reason }, { onSuccess: () => setDialog(null) })
        }
      >
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">To</legend>
          <div className="choices">
            {MODES.filter((option) => option.mode !== clinic.mode).map((option) => (
              <label key={option.mode} className="choice">
                <input
                  type="radio"
                  name="to"
                  value={option.mode}
                  checked={to === option.mode}
                  onChange={() => setTo(option.mode)}
                />
                <div>
                  <strong>{option.label}</strong>
                  <span>{option.hint}</span>
                </div>
              </label>
            ))}
          </div>
        </fieldset>
        {dialog === 'move' ? <MovePlan clinicId={clinic.id} to={to} /> : null}
      </ReasonDialog>
      <ReasonDialog
        open={dialog === 'rollback'}
        onOpenChange={(open) => setDialog(open ? 'rollback' : null)}
        title={`Roll back ${clinic.name}’s latest move?`}
        description={
          current
            ? 'The move has not flipped: its target is discarded and the clinic stays (and writes) where it was.'
            : 'The clinic moves back to where it was, with every write made since the move, verified the same way.'
        }
        confirmLabel="Roll back"
        destructive
        pending={rollback.isPending}
        error={rollback.error}
        onConfirm={(reason) =>
          rollback.mutate({ clinicId: clinic.id, reason }, { onSuccess: () => setDialog(null) })
        }
      />
    </section>
  );
}

/**
 * Calls `onChanged` when the watched move takes a step or stops: the registry changes with it
 * (status moving → frozen → active, then the mode), and the page's header shows it as it goes.
 */
function useFinished(current: MoveView | null, live: boolean, onChanged: () => void) {
  const seen = useRef<string | null>(null);
  const running = live || current?.state === 'running';
  const key = running ? `${current?.id}:${current?.step}` : 'idle';
  useEffect(() => {
    if (seen.current !== null && seen.current !== key) onChanged();
    seen.current = key;
  }, [key, onChanged]);
}

function MovePlan({ clinicId, to }: { clinicId: string; to: Mode }) {
  const trpc = useTRPC();
  const plan = useQuery(trpc.admin.move.plan.queryOptions({ clinicId, to }));
  if (plan.isPending) return <LoadingBlock label="Planning…" height={60} />;
  if (plan.isError) return <p className="text-destructive text-sm">{errorMessage(plan.error)}</p>;
  const data = plan.data;
  return (
    <div className="grid gap-2" aria-label="Plan">
      <p className="text-sm">
        {data.from.label} → <strong>{data.to.label}</strong>: {formatCount(data.totalRows)} rows,{' '}
        {formatBytes(data.totalBytes)}. Estimated <strong>{data.estimatedSeconds} s</strong> in all;
        writes frozen for about <strong>{data.estimatedFreezeSeconds} s</strong>.
      </p>
      <div className="table-wrap max-h-48 overflow-auto">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Rows</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {data.tables
              .filter((table) => table.rows > 0)
              .map((table) => (
                <tr key={table.table}>
                  <td className="mono">{table.table}</td>
                  <td>{formatCount(table.rows)}</td>
                  <td>{formatBytes(table.bytes)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function MoveProgress({
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
        <span className="hint">
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
      <ol className="steps" aria-label="Move steps">
        {steps.map((step, i) => {
          const state = i < at ? 'done' : i === at ? (stopped ? 'failed' : 'active') : 'pending';
          return (
            <li key={step} className={state}>
              <span className="dot" aria-hidden="true">
                {state === 'done' ? '✓' : state === 'failed' ? '!' : ''}
              </span>
              <span>
                {STEP_LABELS[step] ?? step}
                <span className="sr-only"> ({state})</span>
              </span>
            </li>
          );
        })}
      </ol>
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
            <span className="mono truncate">{table.table}</span>
            <progress
              className="h-2 w-full"
              max={1}
              value={share}
              aria-label={`${table.table} copied`}
            />
            <span className="hint text-right">
              {formatCount(table.rows)} / {formatCount(table.planned)}
              {table.copied ? ' ✓' : ''}
            </span>
          </div>
        );
      })}
    </div>
  );
}

function MoveHistory({ moves }: { moves: MoveView[] }) {
  if (moves.length === 0) {
    return <EmptyState title="This clinic has never moved." className="py-6" />;
  }
  return (
    <div className="table-wrap">
      <table className="data" aria-label="Move history">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">From → to</th>
            <th scope="col">State</th>
            <th scope="col">Frozen</th>
            <th scope="col">By</th>
            <th scope="col">Reason</th>
            <th scope="col">Old place kept until</th>
          </tr>
        </thead>
        <tbody>
          {moves.map((move) => (
            <tr key={move.id}>
              <td>{formatDateTime(move.createdAt)}</td>
              <td>
                {move.from.label} → {move.to.label}
                {move.rollbackOf ? <span className="hint"> (rollback)</span> : null}
              </td>
              <td>
                {move.state === 'running' || move.state === 'failed'
                  ? `${move.state} at ${move.step}`
                  : move.state.replace('_', ' ')}
              </td>
              <td>{move.freezeMs === null ? '—' : `${(move.freezeMs / 1000).toFixed(2)} s`}</td>
              <td className="wrap">{move.actor}</td>
              <td className="wrap">{move.reason}</td>
              <td>
                {move.cleanedAt
                  ? `cleaned ${formatDateTime(move.cleanedAt)}`
                  : move.state === 'done'
                    ? formatDateTime(move.retainUntil)
                    : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
