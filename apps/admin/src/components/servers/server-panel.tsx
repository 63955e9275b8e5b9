'use client';

import { Badge } from '@eventora/ui/badge';
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

import { ClinicStatusBadge } from '~/components/badges';
import { Panel } from '~/components/panel';
import { ReasonDialog } from '~/components/reason-dialog';
import { ROW_LINK } from '~/lib/styles';
import { useTRPC } from '~/trpc/react';
import type { ServerState, ServerView } from './servers-view';

const STATE_BADGE = { open: 'success', draining: 'warning', closed: 'secondary' } as const;

/** What each action does, for its button and its confirmation. */
const ACTIONS: Record<ServerState, { verb: string; effect: string }> = {
  open: { verb: 'Open', effect: 'It takes new database-mode clinics again.' },
  draining: {
    verb: 'Drain',
    effect: 'It keeps its clinics and takes no new one: placement skips it.',
  },
  closed: { verb: 'Close', effect: 'It takes no clinic. Only an empty server can be closed.' },
};

/** One server: its figures, its clinics with their live connections, and its state actions. */
export function ServerPanel({ server }: { server: ServerView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<ServerState | null>(null);
  const change = useMutation(
    trpc.admin.servers.setState.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.admin.servers.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.admin.audit.pathKey() }),
        ]);
        setTarget(null);
      },
    }),
  );
  const others = (['open', 'draining', 'closed'] as const).filter(
    (state) => state !== server.state,
  );

  return (
    <Panel
      title={
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-mono">{server.name}</span>
          <Badge variant={STATE_BADGE[server.state]}>{server.state}</Badge>
        </span>
      }
      description={
        <>
          Region {server.region} · {server.clinics.length} of {server.capacity} clinics ·{' '}
          {server.connections === null
            ? 'connections unknown'
            : `${server.connections} live connection${server.connections === 1 ? '' : 's'}`}
        </>
      }
      actions={others.map((state) => (
        <Button
          key={state}
          size="sm"
          variant={state === 'open' ? 'default' : 'outline'}
          aria-label={`${ACTIONS[state].verb} ${server.name}`}
          onClick={() => {
            change.reset();
            setTarget(state);
          }}
        >
          {ACTIONS[state].verb}
        </Button>
      ))}
    >
      {server.connectionsUnavailable ? (
        <p className="text-muted-foreground text-sm" role="note">
          No live connections: {server.connectionsUnavailable}
        </p>
      ) : null}
      {server.clinics.length === 0 ? (
        <EmptyState title="No clinics" description="No database-mode clinic is placed here." />
      ) : (
        <Table>
          <TableCaption className="sr-only">Clinics on {server.name}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Clinic</TableHead>
              <TableHead>Name</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Live connections</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {server.clinics.map((clinic) => (
              <TableRow key={clinic.id}>
                <TableCell>
                  <Link className={ROW_LINK} href={`/clinics/${clinic.id}`}>
                    {clinic.slug}
                  </Link>
                </TableCell>
                <TableCell>{clinic.name}</TableCell>
                <TableCell>
                  <ClinicStatusBadge status={clinic.status} onboardingState={null} />
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {clinic.connections ?? '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ReasonDialog
        open={target !== null}
        onOpenChange={(open) => (open ? undefined : setTarget(null))}
        title={target ? `${ACTIONS[target].verb} ${server.name}?` : ''}
        description={target ? ACTIONS[target].effect : null}
        reasonHint="Recorded in the platform audit log."
        confirmLabel={target ? `${ACTIONS[target].verb} server` : ''}
        destructive={target === 'closed'}
        pending={change.isPending}
        error={change.error}
        onConfirm={(reason) =>
          target && change.mutate({ name: server.name, state: target, reason })
        }
      />
    </Panel>
  );
}
