import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { TimeOffManager } from '~/components/staff/time-off-manager';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Time off' };

export default async function TimeOffPage() {
  await requireViewer(['OWNER', 'STAFF']);
  return (
    <>
      <PageHeader
        title="Time off and holidays"
        description="Days taken out of availability: a therapist’s time off, or a holiday of the whole clinic."
      />
      <TimeOffManager />
    </>
  );
}
