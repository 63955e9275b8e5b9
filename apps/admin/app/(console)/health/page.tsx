import type { Metadata } from 'next';

import { FleetHealth } from '~/components/health/fleet-health';

export const metadata: Metadata = { title: 'Health' };

export default function HealthPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Fleet health</h1>
          <p>All clinics together, per UTC day; then each clinic, and where the bytes are.</p>
        </div>
      </div>
      <FleetHealth />
    </>
  );
}
