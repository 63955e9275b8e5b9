import { PageHeader } from '@eventora/ui/page-header';
import type { Metadata } from 'next';

import { FleetHealth } from '~/components/health/fleet-health';

export const metadata: Metadata = { title: 'Health' };

export default function HealthPage() {
  return (
    <>
      <PageHeader
        title="Fleet health"
        description="All clinics together, per UTC day; then each clinic, and where the bytes are."
      />
      <FleetHealth />
    </>
  );
}
