import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { BranchesManager } from '~/components/staff/branches-manager';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Branches' };

export default async function BranchesPage() {
  await requireViewer(['OWNER', 'STAFF']);
  return (
    <>
      <PageHeader
        title="Branches"
        description="Where sessions happen: address, time zone and opening hours."
      />
      <BranchesManager />
    </>
  );
}
