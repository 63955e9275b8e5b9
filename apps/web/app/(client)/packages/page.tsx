import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { PackagesView } from '~/components/packages/packages-view';
import { titled } from '~/i18n/page-title';
import { HydrateClient, prefetch, trpc } from '~/trpc/server';

export const generateMetadata = titled('packages');

export default async function PackagesPage() {
  await Promise.all([
    prefetch(trpc.catalog.list.queryOptions()),
    prefetch(trpc.wallet.list.queryOptions({})),
  ]);
  const t = await getTranslations();
  return (
    <HydrateClient>
      <PageHeader title={t('titles.packages')} description={t('packages.intro')} />
      <PackagesView />
    </HydrateClient>
  );
}
