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
import { Field } from '@eventora/ui/field';
import { FormError } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { Textarea } from '@eventora/ui/textarea';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useServerError } from '~/i18n/server-error';
import { useTRPC } from '~/trpc/react';

/** The owner publishes a new version of the notice; clients accept it at their next sign-in. */
export function NoticeEditor() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.privacy.notice.queryOptions());
  if (!data) return null;
  return <NoticeForm key={data.version} notice={data} />;
}

function NoticeForm({
  notice,
}: {
  notice: { version: number; body: string; retentionMonths: number };
}) {
  const t = useTranslations('privacy.noticeEditor');
  const serverError = useServerError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(notice.body);
  const [retention, setRetention] = useState(String(notice.retentionMonths));
  const publish = useMutation(
    trpc.privacy.publishNotice.mutationOptions({
      onSuccess: async (published) => {
        toast.success(t('published', { version: published.version }));
        await queryClient.invalidateQueries(trpc.privacy.notice.queryFilter());
      },
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('title', { version: notice.version })}</CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <FormError message={publish.error ? serverError.text(publish.error) : undefined} />
        <Field id="notice-body" label={t('notice')}>
          <Textarea
            id="notice-body"
            rows={12}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        </Field>
        <Field id="notice-retention" label={t('retention')} description={t('retentionHelp')}>
          <Input
            id="notice-retention"
            type="number"
            min={0}
            max={1200}
            value={retention}
            onChange={(event) => setRetention(event.target.value)}
          />
        </Field>
      </CardContent>
      <CardFooter>
        <Button
          loading={publish.isPending}
          onClick={() => publish.mutate({ body, retentionMonths: Number(retention) })}
        >
          {t('publish')}
        </Button>
      </CardFooter>
    </Card>
  );
}
