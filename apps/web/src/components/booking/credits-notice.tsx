import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { PackageOpen } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';

/** Said before the steps when there is no session credit to book with. */
export function NoCreditsNotice({ clientName }: { clientName?: string }) {
  const t = useTranslations('booking');
  return (
    <Alert variant="info">
      <PackageOpen />
      <AlertTitle>
        {clientName ? t('noCreditsTitleFor', { name: clientName }) : t('noCreditsTitle')}
      </AlertTitle>
      <AlertDescription>
        {clientName ? (
          t('noCreditsTextFor')
        ) : (
          <>
            {t('noCreditsText')}
            <Button asChild size="sm" className="mt-1">
              <Link href="/packages">{t('getPackage')}</Link>
            </Button>
          </>
        )}
      </AlertDescription>
    </Alert>
  );
}
