import type { Metadata } from 'next';
import { isStaffRole } from '@eventora/auth/roles';

import { PageHeader } from '@eventora/ui/page-header';
import { Schedule } from '~/components/staff/schedule/schedule';
import { requireClinic, requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Schedule' };

export default async function SchedulePage() {
  const clinic = await requireClinic();
  const viewer = await requireViewer(['OWNER', 'STAFF', 'THERAPIST']);
  return (
    <>
      <PageHeader
        title="Schedule"
        description={
          viewer.role === 'THERAPIST'
            ? 'Your sessions.'
            : 'Every session at the clinic, by day or week.'
        }
      />
      <Schedule
        clinicTimeZone={clinic.timezone}
        cancellationWindowHours={clinic.cancellationWindowHours}
        canManage={isStaffRole(viewer.role)}
      />
    </>
  );
}
