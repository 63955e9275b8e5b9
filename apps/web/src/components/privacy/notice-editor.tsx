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
import { errorMessage } from '@eventora/ui/error-message';
import { Field } from '@eventora/ui/field';
import { FormError } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { Textarea } from '@eventora/ui/textarea';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

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
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(notice.body);
  const [retention, setRetention] = useState(String(notice.retentionMonths));
  const publish = useMutation(
    trpc.privacy.publishNotice.mutationOptions({
      onSuccess: async (published) => {
        toast.success(`Version ${published.version} is published.`);
        await queryClient.invalidateQueries(trpc.privacy.notice.queryFilter());
      },
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Privacy notice (version {notice.version})</CardTitle>
        <CardDescription>
          Publishing a change makes a new version; every client is asked to accept it at their next
          sign-in.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <FormError message={publish.error ? errorMessage(publish.error) : undefined} />
        <Field id="notice-body" label="Notice">
          <Textarea
            id="notice-body"
            rows={12}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        </Field>
        <Field
          id="notice-retention"
          label="Retention after erasure (months)"
          description="How long anonymised clinical and billing records are kept after a client is forgotten."
        >
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
          Publish a new version
        </Button>
      </CardFooter>
    </Card>
  );
}
