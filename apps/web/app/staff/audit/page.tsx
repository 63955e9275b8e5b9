import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { AuditLog } from '~/components/staff/audit-log';
import { staffTitled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('audit');

export default async function AuditPage() {
  await requireViewer(['OWNER']);
  const t = await getTranslations('staff.pages');
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <AuditLog />
    </>
  );
}
