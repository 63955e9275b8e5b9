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
import { FormError } from '@eventora/ui/form';
import { Textarea } from '@eventora/ui/textarea';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';

/** Staff decide clients' erasure requests: approve (pseudonymise) or refuse with a reason. */
export function ErasureQueue() {
  const trpc = useTRPC();
  const { data, isPending, error } = useQuery(
    trpc.privacy.erasureRequests.queryOptions({ status: 'pending' }),
  );
  if (isPending) return <p className="text-muted-foreground text-sm">Loading requests…</p>;
  if (error) return <FormError message={errorMessage(error)} />;
  if (data.length === 0)
    return <p className="text-muted-foreground text-sm">No erasure requests are waiting.</p>;
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
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const decide = useMutation(
    trpc.privacy.decideErasure.mutationOptions({
      onSuccess: async (decided) => {
        toast.success(
          decided.status === 'approved' ? 'The client was erased.' : 'The request was refused.',
        );
        await queryClient.invalidateQueries(trpc.privacy.erasureRequests.queryFilter());
      },
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{request.person.name}</CardTitle>
        <CardDescription>
          {request.person.email} · asked on {request.requestedAt.toISOString().slice(0, 10)}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        <FormError message={decide.error ? errorMessage(decide.error) : undefined} />
        <label className="grid gap-1 text-sm">
          <span>Reason, if you refuse (the client reads it)</span>
          <Textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={2} />
        </label>
      </CardContent>
      <CardFooter className="gap-2">
        <Button
          variant="destructive"
          loading={decide.isPending}
          onClick={() => decide.mutate({ id: request.id, decision: 'approve' })}
        >
          Approve and erase
        </Button>
        <Button
          variant="outline"
          disabled={decide.isPending}
          onClick={() => decide.mutate({ id: request.id, decision: 'refuse', answer: reason })}
        >
          Refuse
        </Button>
      </CardFooter>
    </Card>
  );
}
