import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { ClientsList } from '~/components/staff/clients-list';
import { staffTitled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('clients');

export default async function ClientsPage() {
  await requireViewer(['OWNER', 'STAFF']);
  const t = await getTranslations('staff.pages');
  return (
    <>
      <PageHeader title={t('clients.title')} description={t('clients.description')} />
      <ClientsList />
    </>
  );
}
