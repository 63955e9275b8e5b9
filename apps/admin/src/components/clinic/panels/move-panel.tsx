'use client';

import { Button } from '@eventora/ui/button';
import { LoadError } from '@eventora/ui/load-error';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

import { ChoiceGroup } from '~/components/choice-group';
import { Panel } from '~/components/panel';
import { ReasonDialog } from '~/components/reason-dialog';
import { LoadingBlock } from '~/components/states';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';
import { MoveHistory } from '../move/move-history';
import { MovePlan } from '../move/move-plan';
import { MoveProgress } from '../move/move-progress';
import type { MoveView } from '../move/move-view';
import { useClinicMove } from '../move/use-clinic-move';
import { useRefreshClinic } from '../use-refresh-clinic';

type Clinic = RouterOutputs['admin']['clinic']['byId'];
type Mode = Clinic['mode'];

const MODES: { value: Mode; title: string; detail: string }[] = [
  { value: 'shared', title: 'Shared tables', detail: 'Row level security by clinic' },
  { value: 'schema', title: 'Own schema', detail: 'clinic_<slug> in the shared database' },
  { value: 'database', title: 'Own database', detail: 'eventora_clinic_<slug> on the server' },
];

/**
 * "Move…" on a clinic's page: the plan, a confirmation with a reason, the move's live progress
 * (steps, per-table bars, the freeze window as it happens), resume and rollback, and the
 * clinic's move history. The move runs in the console's server; this polls its record.
 */
export function MovePanel({ clinic }: { clinic: Clinic }) {
  const refresh = useRefreshClinic();
  const onChanged = () => void refresh();
  const { status, start, resume, rollback } = useClinicMove(clinic.id, onChanged);
  const [dialog, setDialog] = useState<'move' | 'rollback' | null>(null);
  const [to, setTo] = useState<Mode>(clinic.mode === 'shared' ? 'schema' : 'shared');
  // '' = the shared server; otherwise a registered database server's name.
  const [server, setServer] = useState('');
  const target = to === 'database' && server ? { to, server } : { to };
  useFinished(status.data?.current ?? null, status.data?.live ?? false, onChanged);

  const canMove =
    status.data && !status.data.current && !status.data.live && clinic.status === 'active';

  return (
    <Panel
      title="Where its data lives: moves"
      description="Move the clinic between the shared tables, its own schema and its own database while it keeps working; writes pause only for the last changes."
      actions={
        <>
          {status.data?.rollback.possible ? (
            <Button variant="outline" onClick={() => setDialog('rollback')}>
              Roll back…
            </Button>
          ) : null}
          <Button disabled={!canMove} onClick={() => setDialog('move')}>
            Move…
          </Button>
        </>
      }
    >
      {status.isPending ? (
        <LoadingBlock label="Loading moves…" height={80} />
      ) : status.isError ? (
        <LoadError error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <>
          {status.data.current ? (
            <MoveProgress
              move={status.data.current}
              live={status.data.live}
              onResume={() => resume.mutate({ clinicId: clinic.id })}
              resuming={resume.isPending}
              resumeError={resume.error}
            />
          ) : null}
          <MoveHistory moves={status.data.history} />
        </>
      )}
      <ReasonDialog
        open={dialog === 'move'}
        onOpenChange={(open) => setDialog(open ? 'move' : null)}
        title={`Move ${clinic.name}?`}
        description="Copies its rows while it keeps working, then freezes its writes for the last changes (about a second), verifies, flips the routing and unfreezes. The old place is kept for 7 days for a rollback."
        confirmLabel="Start the move"
        pending={start.isPending}
        error={start.error}
        onConfirm={(reason) =>
          start.mutate(
            { clinicId: clinic.id, ...target, reason },
            { onSuccess: () => setDialog(null) },
          )
        }
      >
        <ChoiceGroup
          legend="To"
          name="to"
          options={MODES.filter((option) => option.value !== clinic.mode)}
          value={to}
          onChange={setTo}
        />
        {dialog === 'move' && to === 'database' ? (
          <ServerChoice value={server} onChange={setServer} />
        ) : null}
        {dialog === 'move' ? (
          <MovePlan clinicId={clinic.id} to={to} server={target.server} />
        ) : null}
      </ReasonDialog>
      <ReasonDialog
        open={dialog === 'rollback'}
        onOpenChange={(open) => setDialog(open ? 'rollback' : null)}
        title={`Roll back ${clinic.name}’s latest move?`}
        description={
          status.data?.current
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
    </Panel>
  );
}

/** Which server a move to a database goes to: the shared one, or an open registered server. */
function ServerChoice({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const trpc = useTRPC();
  const servers = useQuery(trpc.admin.servers.list.queryOptions());
  const open = (servers.data?.servers ?? []).filter((server) => server.state === 'open');
  if (open.length === 0) return null;
  return (
    <ChoiceGroup
      legend="On server"
      name="server"
      options={[
        { value: '', title: 'Shared server', detail: 'Beside the shared database' },
        ...open.map((server) => ({
          value: server.name,
          title: server.name,
          detail: `${server.region} · ${server.clinics.length} of ${server.capacity} clinics`,
        })),
      ]}
      value={value}
      onChange={onChange}
    />
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
