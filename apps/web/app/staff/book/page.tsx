import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { StaffBooking } from '~/components/staff/staff-booking';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Book for a client' };

export default async function StaffBookPage() {
  await requireViewer(['OWNER', 'STAFF']);
  return (
    <>
      <PageHeader title="Book for a client" description="Find the client, then pick a free time." />
      <StaffBooking />
    </>
  );
}
