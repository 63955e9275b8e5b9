'use client';

import { Alert, AlertDescription } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@eventora/ui/dialog';
import { errorMessage } from '@eventora/ui/error-message';
import { Field } from '@eventora/ui/field';
import { NativeSelect } from '@eventora/ui/native-select';
import { Textarea } from '@eventora/ui/textarea';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CircleAlert } from 'lucide-react';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';

/**
 * Gives a client a package's sessions without payment (a free or promotional package); the
 * reason is kept in the audit log.
 */
export function GrantPackageDialog({
  client,
  open,
  onOpenChange,
}: {
  client: { id: string; name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const packages = useQuery(trpc.catalog.list.queryOptions({}, { enabled: open }));
  const [packageId, setPackageId] = useState('');
  const [reason, setReason] = useState('');
  const grant = useMutation(
    trpc.desk.grantCredits.mutationOptions({
      onSuccess: (item) => {
        toast.success(`${client.name} got ${item.packageName}.`);
        void queryClient.invalidateQueries({
          queryKey: trpc.client.byId.queryKey({ id: client.id }),
        });
        void queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() });
        setReason('');
        onOpenChange(false);
      },
    }),
  );
  const chosen = packageId || packages.data?.[0]?.id || '';
  return (
    <Dialog open={open} onOpenChange={(next) => !grant.isPending && onOpenChange(next)}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Give {client.name} a package</DialogTitle>
          <DialogDescription>
            Its sessions, valid from today, without payment. The reason is kept in the audit log.
          </DialogDescription>
        </DialogHeader>
        {grant.isError ? (
          <Alert variant="destructive">
            <CircleAlert />
            <AlertDescription>{errorMessage(grant.error)}</AlertDescription>
          </Alert>
        ) : null}
        <Field id="grant-package" label="Package">
          <NativeSelect
            id="grant-package"
            value={chosen}
            onChange={(event) => setPackageId(event.target.value)}
          >
            {(packages.data ?? []).map((pkg) => (
              <option key={pkg.id} value={pkg.id}>
                {pkg.name} ({pkg.sessionsIncluded} sessions)
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field
          id="grant-reason"
          label="Reason"
          description="For example: a promotion, a goodwill gesture."
        >
          <Textarea
            id="grant-reason"
            rows={2}
            maxLength={500}
            aria-describedby="grant-reason-description"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </Field>
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)} disabled={grant.isPending}>
            Cancel
          </Button>
          <Button
            loading={grant.isPending}
            disabled={!chosen || reason.trim().length < 3}
            onClick={() => grant.mutate({ clientId: client.id, packageId: chosen, reason })}
          >
            Give package
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
