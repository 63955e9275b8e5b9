import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { PackagesManager } from '~/components/staff/packages-manager';
import { staffTitled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('packages');

export default async function StaffPackagesPage() {
  await requireViewer(['OWNER', 'STAFF']);
  const t = await getTranslations('staff.pages');
  return (
    <>
      <PageHeader title={t('packages.title')} description={t('packages.description')} />
      <PackagesManager />
    </>
  );
}
