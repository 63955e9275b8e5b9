import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { ServicesManager } from '~/components/staff/services-manager';
import { staffTitled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('services');

export default async function ServicesPage() {
  await requireViewer(['OWNER', 'STAFF']);
  const t = await getTranslations('staff.pages');
  return (
    <>
      <PageHeader title={t('services.title')} description={t('services.description')} />
      <ServicesManager />
    </>
  );
}
