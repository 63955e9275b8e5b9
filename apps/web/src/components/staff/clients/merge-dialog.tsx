'use client';

import { ActionDialog, DialogActions } from '@eventora/ui/action-dialog';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';
import { ClientPickButton, ClientSearch, type ClientRow } from '../client-search';

/**
 * Merges an accidental duplicate into the client on screen: pick the duplicate, read what
 * happens, confirm. Bookings, credits and payments move; the duplicate is disabled.
 */
export function MergeDialog({
  keep,
  open,
  onOpenChange,
}: {
  keep: { id: string; name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [duplicate, setDuplicate] = useState<ClientRow>();
  const merge = useMutation(
    trpc.client.merge.mutationOptions({
      onSuccess: ({ moved }) => {
        toast.success(
          `Merged: ${moved.reservations} sessions, ${moved.packages} packages and ${moved.payments} payments moved to ${keep.name}.`,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.client.pathKey() });
        close(false);
      },
    }),
  );
  const close = (next: boolean) => {
    if (!next) {
      setDuplicate(undefined);
      merge.reset();
    }
    onOpenChange(next);
  };
  return (
    <ActionDialog
      open={open}
      onOpenChange={close}
      busy={merge.isPending}
      className="sm:max-w-xl"
      title={
        duplicate
          ? `Merge ${duplicate.name} into ${keep.name}?`
          : `Merge a duplicate into ${keep.name}`
      }
      description={
        duplicate
          ? `Every session, package (with its credits), payment and checkout of ${duplicate.name} (${duplicate.email}) moves to ${keep.name}. ${duplicate.name}’s account is then disabled and kept for the record. This cannot be undone.`
          : 'Find the accidental second record of this client.'
      }
      error={duplicate ? merge.error : undefined}
    >
      {duplicate ? (
        <DialogActions
          cancelLabel="Back"
          onCancel={() => setDuplicate(undefined)}
          submitLabel={`Merge into ${keep.name}`}
          variant="destructive"
          onSubmit={() => merge.mutate({ keepId: keep.id, duplicateId: duplicate.id })}
          pending={merge.isPending}
        />
      ) : (
        <div className="max-h-[60dvh] overflow-y-auto">
          <ClientSearch
            renderRow={(row) =>
              row.id === keep.id ? (
                <p className="text-muted-foreground px-4 py-3 text-sm">{row.name} (this client)</p>
              ) : (
                <ClientPickButton client={row} onPick={setDuplicate} />
              )
            }
          />
        </div>
      )}
    </ActionDialog>
  );
}
