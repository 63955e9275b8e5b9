'use client';

import { Button } from '@eventora/ui/button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Breadcrumb } from '~/components/breadcrumb';
import { ChoiceGroup } from '~/components/choice-group';
import { BillingBadge, ClinicStatusBadge, ModeBadge } from '~/components/badges';
import { ReasonDialog } from '~/components/reason-dialog';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';
import { useRefreshClinic } from './use-refresh-clinic';

type Clinic = RouterOutputs['admin']['clinic']['byId'];

const ACCESS_MINUTES = [5, 15, 30, 60] as const;

/**
 * The clinic page's title, badges and the operator's actions on the clinic: suspend,
 * reactivate and break-glass data access, each confirmed with a written reason.
 */
export function ClinicHeader({ clinic, portalUrl }: { clinic: Clinic; portalUrl: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const refresh = useRefreshClinic();
  const [dialog, setDialog] = useState<'suspend' | 'reactivate' | 'access' | null>(null);
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

  const inService =
    clinic.onboardingState !== 'failed' && clinic.onboardingState !== 'provisioning';
  const suspended = clinic.status === 'suspended';

  return (
    <>
      <Breadcrumb
        items={[
          { label: 'Clinics', href: '/clinics' },
          { label: <span className="font-mono">{clinic.slug}</span> },
        ]}
      />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl leading-tight font-bold">{clinic.name}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <ClinicStatusBadge status={clinic.status} onboardingState={clinic.onboardingState} />
            <ModeBadge mode={clinic.mode} />
            <span className="text-muted-foreground text-sm">billing</span>
            <BillingBadge status={clinic.billingStatus} />
            <span className="text-muted-foreground text-sm">
              · registry version {clinic.routingVersion}
            </span>
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

      <ReasonDialog
        open={dialog === 'suspend'}
        onOpenChange={(open) => setDialog(open ? 'suspend' : null)}
        title={`Suspend ${clinic.name}?`}
        description={
          <>
            Its portal at <span className="font-mono">{clinic.slug}</span> answers “not found” at
            once and every session stops working. Nothing is deleted; you can reactivate it.
          </>
        }
        confirmLabel="Suspend clinic"
        destructive
        pending={suspend.isPending}
        error={suspend.error}
        onConfirm={(reason) => suspend.mutate({ id: clinic.id, reason })}
      />
      <ReasonDialog
        open={dialog === 'reactivate'}
        onOpenChange={(open) => setDialog(open ? 'reactivate' : null)}
        title={`Reactivate ${clinic.name}?`}
        description="Its portal opens again and its users can sign in."
        confirmLabel="Reactivate clinic"
        pending={reactivate.isPending}
        error={reactivate.error}
        onConfirm={(reason) => reactivate.mutate({ id: clinic.id, reason })}
      />
      <ReasonDialog
        open={dialog === 'access'}
        onOpenChange={(open) => setDialog(open ? 'access' : null)}
        title={`Open ${clinic.name}’s data, read-only?`}
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
          openAccess.mutate({ clinicId: clinic.id, reason, minutes: Number(form.get('minutes')) })
        }
      >
        <ChoiceGroup
          legend="For how long"
          name="minutes"
          compact
          options={ACCESS_MINUTES.map((minutes) => ({ value: minutes, title: `${minutes} min` }))}
          defaultValue={15}
        />
      </ReasonDialog>
    </>
  );
}
