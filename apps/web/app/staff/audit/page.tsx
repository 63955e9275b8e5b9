import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { AuditLog } from '~/components/staff/audit-log';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage() {
  await requireViewer(['OWNER']);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, booking, change and record viewed, in a tamper-evident chain."
      />
      <AuditLog />
    </>
  );
}
