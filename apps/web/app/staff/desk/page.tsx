import { isStaffRole } from '@eventora/auth/roles';
import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { FrontDesk } from '~/components/staff/desk/front-desk';
import { requireClinic, requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Front desk' };

export default async function FrontDeskPage() {
  const clinic = await requireClinic();
  const viewer = await requireViewer(['OWNER', 'STAFF', 'THERAPIST']);
  return (
    <>
      <PageHeader
        title="Front desk"
        description={
          viewer.role === 'THERAPIST'
            ? 'Your sessions of the day: mark attendance and keep notes.'
            : 'The day’s sessions by therapist: walk-ins, arrivals, payments and notes.'
        }
      />
      <FrontDesk clinicTimeZone={clinic.timezone} canManage={isStaffRole(viewer.role)} />
    </>
  );
}
