'use client';

import { LoadError } from '@eventora/ui/load-error';
import { useQuery } from '@tanstack/react-query';

import { LoadingBlock } from '~/components/states';
import { useTRPC } from '~/trpc/react';
import { ClinicFigures } from './clinic-figures';
import { ClinicHeader } from './clinic-header';
import { ClinicNotices } from './clinic-notices';
import { AccessPanel } from './panels/access-panel';
import { AuditPanel } from './panels/audit-panel';
import { BackupsPanel } from './panels/backups-panel';
import { HealthPanel } from './panels/health-panel';
import { JobsPanel } from './panels/jobs-panel';
import { MovePanel } from './panels/move-panel';
import { OffboardingPanel } from './panels/offboarding-panel';
import { RegistryPanel } from './panels/registry-panel';

/**
 * A clinic's page: its registry row (header, notices, figures, registry) and one panel per
 * concern below. Each panel reads its own data, so a new concern is one more panel here.
 */
export function ClinicDetail({ id, portalUrlPattern }: { id: string; portalUrlPattern: string }) {
  const trpc = useTRPC();
  const clinic = useQuery(trpc.admin.clinic.byId.queryOptions({ id }));

  if (clinic.isPending) return <LoadingBlock label="Loading the clinic…" height={320} />;
  if (clinic.isError) {
    return <LoadError error={clinic.error} onRetry={() => void clinic.refetch()} />;
  }
  const data = clinic.data;
  const portalUrl = portalUrlPattern.replace('{slug}', data.slug);
  const inService = data.onboardingState !== 'failed' && data.onboardingState !== 'provisioning';

  return (
    <>
      <ClinicHeader clinic={data} portalUrl={portalUrl} />
      <ClinicNotices clinic={data} />
      <div className="grid gap-4 *:min-w-0">
        <ClinicFigures usage={data.usage} />
        <RegistryPanel clinic={data} portalUrl={portalUrl} />
        <OffboardingPanel clinic={data} />
        {inService ? <MovePanel clinic={data} /> : null}
        {inService ? <BackupsPanel clinic={data} /> : null}
        <HealthPanel clinicId={data.id} />
        <JobsPanel clinicId={data.id} />
        <AccessPanel clinicId={data.id} />
        <AuditPanel clinicId={data.id} />
      </div>
    </>
  );
}
