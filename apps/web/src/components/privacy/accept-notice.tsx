'use client';

import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import { FormError } from '@eventora/ui/form';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

import { useTRPC } from '~/trpc/react';

/** Accepts the version of the notice on screen, then goes where the client was heading. */
export function AcceptNotice({ version, next }: { version: number; next: string }) {
  const trpc = useTRPC();
  const router = useRouter();
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
      <FormError message={accept.error ? errorMessage(accept.error) : undefined} />
      <Button size="lg" loading={accept.isPending} onClick={() => accept.mutate({ version })}>
        I accept this privacy notice
      </Button>
    </div>
  );
}
