import type { Metadata } from 'next';

import { AccountSettings } from '~/components/account/account-settings';
import { PageHeader } from '@eventora/ui/page-header';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Account' };

export default async function StaffAccountPage() {
  const viewer = await requireViewer(['OWNER', 'STAFF', 'THERAPIST']);
  return (
    <>
      <PageHeader title="Account" />
      <AccountSettings viewer={viewer} />
    </>
  );
}
