'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ProvisioningRecovery } from '~/components/onboarding/provisioning-recovery';
import { SetPasswordLink } from '~/components/onboarding/set-password-link';
import type { RouterOutputs } from '~/trpc/outputs';
import { useRefreshClinic } from './use-refresh-clinic';

type Clinic = RouterOutputs['admin']['clinic']['byId'];

/** What the operator must know first: failed or running provisioning, a suspension. */
export function ClinicNotices({ clinic }: { clinic: Clinic }) {
  const router = useRouter();
  const refresh = useRefreshClinic();
  // Kept here: once a retry succeeds the clinic is no longer "failed" and the form unmounts.
  const [retried, setRetried] = useState<{ setPasswordLink: string | null } | null>(null);
  const failed = clinic.onboardingState === 'failed';
  const inService = !failed && clinic.onboardingState !== 'provisioning';

  return (
    <>
      {failed ? (
        <ProvisioningRecovery
          slug={clinic.slug}
          error={clinic.onboardingError}
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
      {clinic.onboardingState === 'provisioning' ? (
        <Alert variant="info" className="mb-4">
          <AlertTitle>Provisioning is running</AlertTitle>
          <AlertDescription>
            This clinic opens when its {clinic.mode === 'shared' ? 'rows are' : clinic.mode} ready.
          </AlertDescription>
        </Alert>
      ) : null}
      {clinic.status === 'suspended' && inService ? (
        <Alert variant="destructive" className="mb-4">
          <AlertTitle>Suspended</AlertTitle>
          <AlertDescription>
            Its portal answers “not found” and its sessions do not work. Its data is kept.
          </AlertDescription>
        </Alert>
      ) : null}
    </>
  );
}
