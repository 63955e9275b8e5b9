'use client';

import { Button } from '@eventora/ui/button';
import { FormError } from '@eventora/ui/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';

import { useServerError } from '~/i18n/server-error';
import { useTRPC } from '~/trpc/react';

/** Accepts the version of the notice on screen, then goes where the client was heading. */
export function AcceptNotice({ version, next }: { version: number; next: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations('privacy');
  const serverError = useServerError();
  const accept = useMutation(
    trpc.privacy.acceptNotice.mutationOptions({
      onSuccess: () => {
        router.replace(next);
        router.refresh();
      },
    }),
  );
  return (
    <div className="grid gap-3">
      <FormError message={accept.error ? serverError.text(accept.error) : undefined} />
      <Button size="lg" loading={accept.isPending} onClick={() => accept.mutate({ version })}>
        {t('accept')}
      </Button>
    </div>
  );
}
