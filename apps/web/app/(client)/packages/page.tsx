import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { PackagesView } from '~/components/packages/packages-view';
import { HydrateClient, prefetch, trpc } from '~/trpc/server';

export const metadata: Metadata = { title: 'Packages' };

export default async function PackagesPage() {
  await Promise.all([
    prefetch(trpc.catalog.list.queryOptions()),
    prefetch(trpc.wallet.list.queryOptions({})),
  ]);
  return (
    <HydrateClient>
      <PageHeader title="Packages" description="Your sessions left, and packages you can buy." />
      <PackagesView />
    </HydrateClient>
  );
}
