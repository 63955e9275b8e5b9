import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { PackagesManager } from '~/components/staff/packages-manager';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Packages' };

export default async function StaffPackagesPage() {
  await requireViewer(['OWNER', 'STAFF']);
  return (
    <>
      <PageHeader
        title="Packages"
        description="What clients can buy. Changes apply to new purchases only."
      />
      <PackagesManager />
    </>
  );
}
