import type { Metadata } from 'next';

import { AccountSettings } from '~/components/account/account-settings';
import { CalendarFeedCard } from '~/components/account/calendar-feed-card';
import { PageHeader } from '@eventora/ui/page-header';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Account' };

export default async function StaffAccountPage() {
  const viewer = await requireViewer(['OWNER', 'STAFF', 'THERAPIST']);
  return (
    <>
      <PageHeader title="Account" />
      <AccountSettings viewer={viewer} />
      <div className="mt-4 max-w-2xl">
        <CalendarFeedCard what="Your sessions as a therapist (clients by their initials)" />
      </div>
    </>
  );
}
