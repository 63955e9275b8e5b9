'use client';

import type { ConsoleRouter } from '@eventora/api';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Field, fieldAria } from '@eventora/ui/field';
import { Input } from '@eventora/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@eventora/ui/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';

import { Panel } from '~/components/panel';
import { ReasonDialog } from '~/components/reason-dialog';
import { fieldErrors, LoadingBlock } from '~/components/states';
import { LoadError } from '@eventora/ui/load-error';
import { formatBytes, formatCount, formatDateTime } from '~/lib/format';
import { useTRPC } from '~/trpc/react';
import { useRefreshClinic } from '../use-refresh-clinic';

type BackupsView = inferRouterOutputs<ConsoleRouter>['admin']['backups']['list'];
type Configured = Extract<BackupsView, { configured: true }>;
type Backup = Configured['backups'][number];
type RestoreRun = NonNullable<Configured['restore']>;

/**
 * A clinic's backups (the worker's daily ones and those kept by in-place restores) and restoring
 * one: as a closed copy with a new address, or in place after typing the clinic's address. The
 * restore runs in the console's server; this polls its progress.
 */
export function BackupsPanel({ clinic }: { clinic: { id: string; slug: string; name: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshClinic = useRefreshClinic();
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const list = useQuery({
    ...trpc.admin.backups.list.queryOptions({ clinicId: clinic.id }),
    refetchInterval: (query) => {
      const data = query.state.data;
      return data?.configured && data.restore?.state === 'running' ? 1000 : false;
    },
  });
  const restore = useMutation(
    trpc.admin.backups.restore.mutationOptions({
      onSuccess: async () => {
        setRestoring(null);
        await queryClient.invalidateQueries({ queryKey: trpc.admin.backups.pathKey() });
      },
    }),
  );
  const run = list.data?.configured ? list.data.restore : null;
  useRestoreEnded(run, refreshClinic);

  return (
    <Panel
      title="Backups"
      description="Signed archives of this clinic alone, taken daily and kept for its retention. Restore one as a closed copy to investigate, or in place of today’s data."
    >
      {list.isPending ? (
        <LoadingBlock label="Loading backups…" height={80} />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data.configured ? (
        <Alert>
          <AlertTitle>Backups cannot be read from this console</AlertTitle>
          <AlertDescription>
            It needs the backup store and the key that signs the archives. Not set:{' '}
            {list.data.missing.join(', ')}. See docs/clinic-data-lifecycle.md.
          </AlertDescription>
        </Alert>
      ) : (
        <>
          {run ? <RestoreProgress run={run} backups={list.data.backups} /> : null}
          <p className="text-muted-foreground text-sm">
            Store: <span className="mono">{list.data.store}</span> · kept {list.data.retentionDays}{' '}
            days
          </p>
          {list.data.backups.length === 0 ? (
            <EmptyState
              title="No backups yet"
              description="The worker backs up every open clinic daily at 02:00 UTC."
            />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Taken</TableHead>
                  <TableHead className="text-right">Size</TableHead>
                  <TableHead className="text-right">Rows</TableHead>
                  <TableHead>Verified</TableHead>
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.backups.map((backup) => (
                  <TableRow key={backup.id}>
                    <TableCell>{formatDateTime(backup.createdAt)}</TableCell>
                    <TableCell className="text-right">{formatBytes(backup.bytes)}</TableCell>
                    <TableCell className="text-right">{formatCount(backup.rows)}</TableCell>
                    <TableCell>
                      {backup.verifiedAt ? formatDateTime(backup.verifiedAt) : 'Not verified'}
                    </TableCell>
                    <TableCell className="text-right">
                      <Button
                        size="sm"
                        variant="outline"
                        disabled={run?.state === 'running'}
                        aria-label={`Restore the backup of ${formatDateTime(backup.createdAt)}`}
                        onClick={() => {
                          restore.reset();
                          setRestoring(backup);
                        }}
                      >
                        Restore…
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
      <RestoreDialog
        clinic={clinic}
        backup={restoring}
        pending={restore.isPending}
        error={restore.error}
        onClose={() => setRestoring(null)}
        onConfirm={(reason, target) =>
          restoring &&
          restore.mutate({ clinicId: clinic.id, backupId: restoring.id, reason, target })
        }
      />
    </Panel>
  );
}

function RestoreDialog({
  clinic,
  backup,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  clinic: { slug: string; name: string };
  backup: Backup | null;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (
    reason: string,
    target: { kind: 'copy'; slug: string } | { kind: 'replace'; confirm: string },
  ) => void;
}) {
  const id = useId();
  const [kind, setKind] = useState<'copy' | 'replace'>('copy');
  const fields = fieldErrors(error);
  return (
    <ReasonDialog
      open={backup !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={`Restore the backup of ${formatDateTime(backup?.createdAt)}?`}
      description={
        <>
          {formatCount(backup?.rows)} rows of {clinic.name}. The whole archive is checked against
          its signature before a row is written.
        </>
      }
      reasonHint="Recorded in the platform audit log with your name."
      confirmLabel={kind === 'copy' ? 'Restore as a copy' : 'Replace this clinic’s data'}
      destructive={kind === 'replace'}
      pending={pending}
      error={fields.slug || fields.confirm ? null : error}
      onConfirm={(reason, form) =>
        onConfirm(
          reason,
          kind === 'copy'
            ? { kind, slug: String(form.get('slug') ?? '') }
            : { kind, confirm: String(form.get('confirm') ?? '') },
        )
      }
    >
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Restore as</legend>
        <label className="choice py-1.5">
          <input
            type="radio"
            name="kind"
            value="copy"
            checked={kind === 'copy'}
            onChange={() => setKind('copy')}
          />
          <strong>A new clinic (a copy)</strong> — closed until an operator opens it
        </label>
        <label className="choice py-1.5">
          <input
            type="radio"
            name="kind"
            value="replace"
            checked={kind === 'replace'}
            onChange={() => setKind('replace')}
          />
          <strong>This clinic, replacing its data</strong>
        </label>
      </fieldset>
      {kind === 'copy' ? (
        <Field
          id={`${id}-slug`}
          label="Address of the copy"
          description="Lower-case letters, digits and hyphens."
          error={fields.slug}
        >
          <Input
            {...fieldAria(`${id}-slug`, fields.slug, true)}
            name="slug"
            required
            defaultValue={`${clinic.slug}-restored`}
          />
        </Field>
      ) : (
        <Field
          id={`${id}-confirm`}
          label={`Type ${clinic.slug} to confirm`}
          description="Its portal closes while the rows are replaced; everyone signs in again. Today’s data is kept as a new backup first."
          error={fields.confirm}
        >
          <Input
            {...fieldAria(`${id}-confirm`, fields.confirm, true)}
            name="confirm"
            required
            autoComplete="off"
          />
        </Field>
      )}
    </ReasonDialog>
  );
}

function RestoreProgress({ run, backups }: { run: RestoreRun; backups: Backup[] }) {
  const from = backups.find((backup) => backup.id === run.backupId);
  const label = from ? `the backup of ${formatDateTime(from.createdAt)}` : 'a backup';
  if (run.state === 'running') {
    return (
      <div role="status" className="grid gap-1">
        <p className="text-sm font-medium">
          Restoring {label} {run.kind === 'copy' ? 'as a copy' : 'in place'}: table{' '}
          {run.tables.done} of {run.tables.of}, {formatCount(run.rows)} rows
        </p>
        <progress
          className="w-full"
          max={Math.max(run.tables.of, 1)}
          value={run.tables.done}
          aria-label="Restore progress"
        />
      </div>
    );
  }
  if (run.state === 'failed') {
    return (
      <Alert variant="destructive">
        <AlertTitle>The restore of {label} failed; nothing was changed</AlertTitle>
        <AlertDescription>{run.error}</AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert>
      <AlertTitle>Restored {label}</AlertTitle>
      <AlertDescription>
        {run.copy ? (
          <>
            {formatCount(run.rows)} rows in a new clinic,{' '}
            <Link href={`/clinics/${run.copy.id}`} className="underline">
              {run.copy.slug}
            </Link>{' '}
            (suspended: nobody can reach it until an operator reactivates it).
          </>
        ) : (
          <>
            {formatCount(run.rows)} rows back in place. The replaced data is kept as the newest
            backup.
          </>
        )}
      </AlertDescription>
    </Alert>
  );
}

/** Tells the page when a restore it watched ends (an in-place restore changes the clinic). */
function useRestoreEnded(run: RestoreRun | null, onEnded: () => Promise<void>) {
  const watched = useRef<string | null>(null);
  useEffect(() => {
    if (run?.state === 'running') watched.current = run.id;
    else if (run && watched.current === run.id) {
      watched.current = null;
      void onEnded();
    }
  }, [run, onEnded]);
}
