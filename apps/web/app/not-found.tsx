import { Button } from '@eventora/ui/button';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

import { serverEnv } from '~/server/env';
import { getClinic, hostSlug } from '~/server/portal';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('notFound') };
}

/** An unknown page, or an unknown or suspended clinic (told apart from nothing else). */
export default async function NotFound() {
  const clinic = await getClinic();
  const slug = await hostSlug();
  const root = serverEnv().ROOT_DOMAIN;
  const t = await getTranslations('notFound');
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-primary text-sm font-semibold">404</p>
      <h1 className="text-2xl font-bold tracking-tight">
        {clinic || !slug ? t('pageTitle') : t('clinicTitle')}
      </h1>
      <p className="text-muted-foreground">
        {clinic || !slug ? t('pageText') : t('clinicText', { address: `${slug}.${root}` })}
      </p>
      {clinic || !slug ? (
        <Button asChild>
          <Link href="/">{t('home')}</Link>
        </Button>
      ) : null}
    </main>
  );
}
