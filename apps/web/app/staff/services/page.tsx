import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { ServicesManager } from '~/components/staff/services-manager';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Services' };

export default async function ServicesPage() {
  await requireViewer(['OWNER', 'STAFF']);
  return (
    <>
      <PageHeader
        title="Services"
        description="What can be booked: each service’s length sets the session’s time in the calendar."
      />
      <ServicesManager />
    </>
  );
}
