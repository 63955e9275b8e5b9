import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { TherapistsManager } from '~/components/staff/therapists-manager';
import { staffTitled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('therapists');

export default async function TherapistsPage() {
  await requireViewer(['OWNER', 'STAFF']);
  const t = await getTranslations('staff.pages');
  return (
    <>
      <PageHeader title={t('therapists.title')} description={t('therapists.description')} />
      <TherapistsManager />
    </>
  );
}
