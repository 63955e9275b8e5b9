import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { Reports } from '~/components/staff/reports/reports';
import { titled } from '~/i18n/page-title';
import { requireClinic, requireViewer } from '~/server/portal';

export const generateMetadata = titled('reports');

export default async function ReportsPage() {
  // Owners only, as the API's report.* procedures: anyone else is sent to their start page.
  await requireViewer(['OWNER']);
  const clinic = await requireClinic();
  const t = await getTranslations('reports');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Reports timeZone={clinic.timezone} />
    </>
  );
}
