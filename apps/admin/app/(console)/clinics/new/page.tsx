import type { Metadata } from 'next';
import Link from 'next/link';

import { portalUrlPattern as pattern } from '~/server/operator';
import { OnboardingForm } from '~/components/onboarding/onboarding-form';

export const metadata: Metadata = { title: 'Onboard a clinic' };

export default function NewClinicPage() {
  const portalUrlPattern = pattern();
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/clinics">Clinics</Link> / new
      </nav>
      <div className="page-header">
        <div>
          <h1>Onboard a clinic</h1>
          <p>Creates the clinic where its data will live and invites its first owner.</p>
        </div>
      </div>
      <OnboardingForm portalUrlPattern={portalUrlPattern} />
    </>
  );
}
