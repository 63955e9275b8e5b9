'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { BillingBadge, ClinicStatusBadge, GrantStateBadge, ModeBadge } from '~/components/badges';
import { DailyHealthCharts, DaysPicker, TableSizeChart } from '~/components/health-charts';
import { ProvisioningRecovery } from '~/components/provisioning-recovery';
import { ReasonDialog } from '~/components/reason-dialog';
import { SetPasswordLink } from '~/components/set-password-link';
import { ErrorState, LoadingBlock } from '~/components/states';
import { formatBytes, formatCount, formatDateTime } from '~/lib/format';
import { useTRPC } from '~/trpc/react';
import { BackupsPanel } from '~/components/clinic/panels/backups-panel';
import { OffboardingPanel } from '~/components/clinic/panels/offboarding-panel';
import { ClinicJobs } from './clinic-jobs';
import { ClinicMove } from './clinic-move';

const ACCESS_MINUTES = [5, 15, 30, 60] as const;

export function ClinicDetail({ id, portalUrlPattern }: { id: string; portalUrlPattern: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [days, setDays] = useState(30);
  const [dialog, setDialog] = useState<'suspend' | 'reactivate' | 'access' | null>(null);
  // Kept here: once a retry succeeds the clinic is no longer "failed" and the form unmounts.
  const [retried, setRetried] = useState<{ setPasswordLink: string | null } | null>(null);

  const clinic = useQuery(trpc.admin.clinic.byId.queryOptions({ id }));
  const health = useQuery(trpc.admin.health.clinic.queryOptions({ clinicId: id, days }));
  const grants = useQuery(
    trpc.admin.access.list.queryOptions({ clinicId: id, activeOnly: false, limit: 10 }),
  );
  const audit = useQuery(trpc.admin.audit.list.queryOptions({ clinicId: id, limit: 10 }));

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.clinic.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.audit.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.health.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.access.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.move.pathKey() }),
    ]);
  const close = () => setDialog(null);
  const suspend = useMutation(
    trpc.admin.clinic.suspend.mutationOptions({
      onSuccess: async () => (await refresh(), close()),
    }),
  );
  const reactivate = useMutation(
    trpc.admin.clinic.reactivate.mutationOptions({
      onSuccess: async () => (await refresh(), close()),
    }),
  );
  const openAccess = useMutation(
    trpc.admin.access.open.mutationOptions({
      onSuccess: async (grant) => {
        await queryClient.invalidateQueries({ queryKey: trpc.admin.access.pathKey() });
        router.push(`/access/${grant.id}`);
      },
    }),
  );

  if (clinic.isPending) return <LoadingBlock label="Loading the clinic…" height={320} />;
  if (clinic.isError) {
    return (
      <ErrorState
        error={clinic.error}
        title="Could not load this clinic."
        onRetry={() => void clinic.refetch()}
      />
    );
  }
  const data = clinic.data;
  const portalUrl = portalUrlPattern.replace('{slug}', data.slug);
  const failed = data.onboardingState === 'failed';
  const inService = !failed && data.onboardingState !== 'provisioning';
  const suspended = data.status === 'suspended';

  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/clinics">Clinics</Link> / <span className="mono">{data.slug}</span>
      </nav>
      <div className="page-header">
        <div>
          <h1>{data.name}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <ClinicStatusBadge status={data.status} onboardingState={data.onboardingState} />
            <ModeBadge mode={data.mode} />
            <span className="hint">billing</span>
            <BillingBadge status={data.billingStatus} />
            <span className="hint">· registry version {data.routingVersion}</span>
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {inService && !suspended ? (
            <>
              <Button variant="outline" asChild>
                <a href={portalUrl} target="_blank" rel="noreferrer">
                  Open portal ↗
                </a>
              </Button>
              <Button variant="outline" onClick={() => setDialog('access')}>
                Open data access…
              </Button>
              <Button variant="destructive" onClick={() => setDialog('suspend')}>
                Suspend…
              </Button>
            </>
          ) : null}
          {inService && suspended ? (
            <Button onClick={() => setDialog('reactivate')}>Reactivate…</Button>
          ) : null}
        </div>
      </div>

      {failed ? (
        <ProvisioningRecovery
          slug={data.slug}
          error={data.onboardingError}
          onDiscarded={() => router.replace('/clinics')}
          onRetried={(result) => {
            setRetried(result);
            void refresh();
          }}
        />
      ) : null}
      {retried ? (
        <Alert className="mb-4">
          <AlertTitle>Provisioning finished on retry: the clinic is open</AlertTitle>
          <AlertDescription>
            <SetPasswordLink link={retried.setPasswordLink} />
          </AlertDescription>
        </Alert>
      ) : null}
      {data.onboardingState === 'provisioning' ? (
        <Alert variant="info" className="mb-4">
          <AlertTitle>Provisioning is running</AlertTitle>
          <AlertDescription>
            This clinic opens when its {data.mode === 'shared' ? 'rows are' : data.mode} ready.
          </AlertDescription>
        </Alert>
      ) : null}
      {suspended && inService ? (
        <Alert variant="destructive" className="mb-4">
          <AlertTitle>Suspended</AlertTitle>
          <AlertDescription>
            Its portal answers “not found” and its sessions do not work. Its data is kept.
          </AlertDescription>
        </Alert>
      ) : null}

      <div className="stack">
        <dl className="stats" aria-label="Figures">
          {[
            ['Users', formatCount(data.usage?.users)],
            ['Clients', formatCount(data.usage?.clients)],
            ['Reservations', formatCount(data.usage?.reservations)],
            ['Res. last 30 days', formatCount(data.usage?.reservationsLast30Days)],
            ['Active sessions', formatCount(data.usage?.activeSessions)],
            ['Size (approx.)', formatBytes(data.usage?.approximateBytes)],
          ].map(([label, value]) => (
            <div className="stat" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>

        <section className="panel" aria-labelledby="registry-title">
          <div className="panel-header">
            <h2 id="registry-title">Registry</h2>
          </div>
          <dl className="kv">
            <dt>Id</dt>
            <dd className="mono">{data.id}</dd>
            <dt>Portal</dt>
            <dd>
              <a className="text-primary underline-offset-2 hover:underline" href={portalUrl}>
                {portalUrl}
              </a>
            </dd>
            <dt>Where its data lives</dt>
            <dd>
              {data.mode === 'shared'
                ? 'Shared tables (row level security by clinic)'
                : data.mode === 'schema'
                  ? `Own schema ${data.schemaName ?? ''}`
                  : 'Own database'}
            </dd>
            <dt>Time zone</dt>
            <dd>{data.timezone}</dd>
            <dt>Cancellation window</dt>
            <dd>{data.cancellationWindowHours} h</dd>
            <dt>Onboarding</dt>
            <dd>{data.onboardingState ?? '—'}</dd>
            <dt>Created</dt>
            <dd>{formatDateTime(data.createdAt)}</dd>
          </dl>
        </section>

        <OffboardingPanel clinic={data} onChanged={() => void refresh()} />
        {inService ? <ClinicMove clinic={data} onChanged={() => void refresh()} /> : null}
        {inService ? <BackupsPanel clinic={data} onChanged={() => void refresh()} /> : null}

        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">Health</h2>
          <DaysPicker days={days} onChange={setDays} />
        </div>
        {health.isPending ? (
          <LoadingBlock label="Loading health figures…" />
        ) : health.isError ? (
          <ErrorState error={health.error} onRetry={() => void health.refetch()} />
        ) : (
          <>
            {!health.data.open ? (
              <p className="hint">
                The clinic is not open: only the API’s figures are shown, its data is not read.
              </p>
            ) : null}
            <DailyHealthCharts days={health.data.days} />
            <TableSizeChart
              title="Table sizes"
              description="Its rows per table times the table’s bytes per row (exact for its own schema)."
              tables={health.data.tables
                .filter((table) => table.rows > 0)
                .map((table) => ({
                  label: table.table,
                  bytes: table.approximateBytes,
                }))}
            />
          </>
        )}

        <ClinicJobs clinicId={data.id} />

        <section className="panel" aria-labelledby="grants-title">
          <div className="panel-header">
            <div>
              <h2 id="grants-title">Data access</h2>
              <p>Break-glass grants on this clinic. Every read is in the clinic’s own audit log.</p>
            </div>
          </div>
          {grants.isPending ? (
            <LoadingBlock height={60} />
          ) : grants.isError ? (
            <ErrorState error={grants.error} onRetry={() => void grants.refetch()} />
          ) : grants.data.items.length === 0 ? (
            <EmptyState title="Nobody has opened this clinic’s data." className="py-6" />
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">State</th>
                    <th scope="col">Operator</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Opened</th>
                    <th scope="col">Ends</th>
                  </tr>
                </thead>
                <tbody>
                  {grants.data.items.map((grant) => (
                    <tr key={grant.id}>
                      <td>
                        <GrantStateBadge state={grant.state} />
                      </td>
                      <td>
                        {grant.mine ? (
                          <Link className="row-link" href={`/access/${grant.id}`}>
                            you
                          </Link>
                        ) : (
                          grant.operator.email
                        )}
                      </td>
                      <td className="wrap">{grant.reason}</td>
                      <td>{formatDateTime(grant.createdAt)}</td>
                      <td>{formatDateTime(grant.closedAt ?? grant.expiresAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section className="panel" aria-labelledby="audit-title">
          <div className="panel-header">
            <div>
              <h2 id="audit-title">Operator actions on this clinic</h2>
              <p>The latest entries of the platform audit log.</p>
            </div>
            <Button size="sm" variant="outline" asChild>
              <Link href={`/audit?clinic=${data.id}`}>Full log</Link>
            </Button>
          </div>
          {audit.isPending ? (
            <LoadingBlock height={60} />
          ) : audit.isError ? (
            <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
          ) : audit.data.items.length === 0 ? (
            <EmptyState title="No operator has acted on this clinic yet." className="py-6" />
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Action</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {audit.data.items.map((entry) => (
                    <tr key={entry.id}>
                      <td>{formatDateTime(entry.createdAt)}</td>
                      <td className="mono">{entry.action}</td>
                      <td className="wrap">{entry.reason ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      <ReasonDialog
        open={dialog === 'suspend'}
        onOpenChange={(open) => setDialog(open ? 'suspend' : null)}
        title={`Suspend ${data.name}?`}
        description={
          <>
            Its portal at <span className="mono">{data.slug}</span> answers “not found” at once and
            every session stops working. Nothing is deleted; you can reactivate it.
          </>
        }
        confirmLabel="Suspend clinic"
        destructive
        pending={suspend.isPending}
        error={suspend.error}
        onConfirm={(reason) => suspend.mutate({ id: data.id, reason })}
      />
      <ReasonDialog
        open={dialog === 'reactivate'}
        onOpenChange={(open) => setDialog(open ? 'reactivate' : null)}
        title={`Reactivate ${data.name}?`}
        description="Its portal opens again and its users can sign in."
        confirmLabel="Reactivate clinic"
        pending={reactivate.isPending}
        error={reactivate.error}
        onConfirm={(reason) => reactivate.mutate({ id: data.id, reason })}
      />
      <ReasonDialog
        open={dialog === 'access'}
        onOpenChange={(open) => setDialog(open ? 'access' : null)}
        title={`Open ${data.name}’s data, read-only?`}
        description={
          <>
            You will see its reservations and people (emails masked). The clinic’s owners see in
            their audit log who looked, when, at what and why. Access ends by itself.
          </>
        }
        reasonHint="Name the ticket or incident. Shown to the clinic’s owners."
        confirmLabel="Open read-only access"
        pending={openAccess.isPending}
        error={openAccess.error}
        onConfirm={(reason, form) =>
          openAccess.mutate({ clinicId: data.id, reason, minutes: Number(form.get('minutes')) })
        }
      >
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">For how long</legend>
          <div className="flex flex-wrap gap-2">
            {ACCESS_MINUTES.map((minutes) => (
              <label key={minutes} className="choice py-1.5">
                <input
                  type="radio"
                  name="minutes"
                  value={minutes}
                  defaultChecked={minutes === 15}
                />
                <strong>{minutes} min</strong>
              </label>
            ))}
          </div>
        </fieldset>
      </ReasonDialog>
    </>
  );
}
