import { PageHeader } from '@eventora/ui/page-header';
import type { Metadata } from 'next';

import { AuditLog } from '~/components/audit/audit-log';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const one = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value) ?? '';
  return (
    <>
      <PageHeader
        title="Platform audit log"
        description="Every operator action, newest first. Reads of clinic data are in each clinic’s own log."
      />
      <AuditLog
        initial={{
          operatorId: one(params.operator),
          clinicId: one(params.clinic),
          action: one(params.action),
        }}
      />
    </>
  );
}
