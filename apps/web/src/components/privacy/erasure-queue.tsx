'use client';

import { Button } from '@eventora/ui/button';
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from '@eventora/ui/card';
import { FormError } from '@eventora/ui/form';
import { Textarea } from '@eventora/ui/textarea';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useServerError } from '~/i18n/server-error';
import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';

/** Staff decide clients' erasure requests: approve (pseudonymise) or refuse with a reason. */
export function ErasureQueue() {
  const t = useTranslations('privacy.erasureQueue');
  const serverError = useServerError();
  const trpc = useTRPC();
  const { data, isPending, error } = useQuery(
    trpc.privacy.erasureRequests.queryOptions({ status: 'pending' }),
  );
  if (isPending) return <p className="text-muted-foreground text-sm">{t('loading')}</p>;
  if (error) return <FormError message={serverError.text(error)} />;
  if (data.length === 0) return <p className="text-muted-foreground text-sm">{t('none')}</p>;
  return (
    <div className="grid gap-3">
      {data.map((request) => (
        <ErasureDecision key={request.id} request={request} />
      ))}
    </div>
  );
}

function ErasureDecision({
  request,
}: {
  request: { id: string; requestedAt: Date; person: { name: string; email: string } };
}) {
  const t = useTranslations('privacy.erasureQueue');
  const { formatDate } = useFormat();
  const serverError = useServerError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const decide = useMutation(
    trpc.privacy.decideErasure.mutationOptions({
      onSuccess: async (decided) => {
        toast.success(decided.status === 'approved' ? t('erased') : t('refused'));
        await queryClient.invalidateQueries(trpc.privacy.erasureRequests.queryFilter());
      },
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{request.person.name}</CardTitle>
        <CardDescription>
          {t('askedOn', { email: request.person.email, date: formatDate(request.requestedAt) })}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        <FormError message={decide.error ? serverError.text(decide.error) : undefined} />
        <label className="grid gap-1 text-sm">
          <span>{t('reason')}</span>
          <Textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={2} />
        </label>
      </CardContent>
      <CardFooter className="gap-2">
        <Button
          variant="destructive"
          loading={decide.isPending}
          onClick={() => decide.mutate({ id: request.id, decision: 'approve' })}
        >
          {t('approve')}
        </Button>
        <Button
          variant="outline"
          disabled={decide.isPending}
          onClick={() => decide.mutate({ id: request.id, decision: 'refuse', answer: reason })}
        >
          {t('refuse')}
        </Button>
      </CardFooter>
    </Card>
  );
}
