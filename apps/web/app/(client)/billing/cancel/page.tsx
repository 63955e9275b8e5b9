import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { ShoppingBag } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

import { titled } from '~/i18n/page-title';

export const generateMetadata = titled('paymentCancelled');

export default async function CancelPage() {
  const t = await getTranslations('billing');
  return (
    <EmptyState
      icon={<ShoppingBag />}
      title={t('cancelledTitle')}
      description={t('cancelledText')}
      action={
        <Button asChild>
          <Link href="/packages">{t('backToPackages')}</Link>
        </Button>
      }
    />
  );
}
