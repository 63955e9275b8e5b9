import { Button } from '@eventora/ui/button';
import type { Metadata } from 'next';
import Link from 'next/link';

import { serverEnv } from '~/server/env';
import { getClinic, hostSlug } from '~/server/portal';

export const metadata: Metadata = { title: 'Not found' };

/** An unknown page, or an unknown or suspended clinic (told apart from nothing else). */
export default async function NotFound() {
  const clinic = await getClinic();
  const slug = await hostSlug();
  const root = serverEnv().ROOT_DOMAIN;
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-primary text-sm font-semibold">404</p>
      <h1 className="text-2xl font-bold tracking-tight">
        {clinic || !slug ? 'We couldn’t find that page' : 'We couldn’t find this clinic'}
      </h1>
      <p className="text-muted-foreground">
        {clinic || !slug
          ? 'The link may be old, or the page may have moved.'
          : `There is no clinic portal at ${slug}.${root}. Check the address your clinic gave you.`}
      </p>
      {clinic || !slug ? (
        <Button asChild>
          <Link href="/">Go to the start page</Link>
        </Button>
      ) : null}
    </main>
  );
}
