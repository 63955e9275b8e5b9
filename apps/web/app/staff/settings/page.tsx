import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { SettingsForm } from '~/components/staff/settings-form';
import { staffTitled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('settings');

export default async function SettingsPage() {
  await requireViewer(['OWNER']);
  const t = await getTranslations('staff.pages');
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <SettingsForm />
    </>
  );
}
