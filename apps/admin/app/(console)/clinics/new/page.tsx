import { PageHeader } from '@eventora/ui/page-header';
import type { Metadata } from 'next';

import { Breadcrumb } from '~/components/breadcrumb';
import { OnboardingForm } from '~/components/onboarding/onboarding-form';
import { portalUrlPattern as pattern } from '~/server/operator';

export const metadata: Metadata = { title: 'Onboard a clinic' };

export default function NewClinicPage() {
  const portalUrlPattern = pattern();
  return (
    <>
      <Breadcrumb items={[{ label: 'Clinics', href: '/clinics' }, { label: 'new' }]} />
      <PageHeader
        title="Onboard a clinic"
        description="Creates the clinic where its data will live and invites its first owner."
      />
      <OnboardingForm portalUrlPattern={portalUrlPattern} />
    </>
  );
}
