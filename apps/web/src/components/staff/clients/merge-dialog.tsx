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
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ChevronRight, CircleAlert } from 'lucide-react';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';
import { ClientSearch, type ClientRow } from '../client-search';

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
    <Dialog open={open} onOpenChange={(next) => !merge.isPending && close(next)}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>
            {duplicate
              ? `Merge ${duplicate.name} into ${keep.name}?`
              : `Merge a duplicate into ${keep.name}`}
          </DialogTitle>
          <DialogDescription>
            {duplicate
              ? `Every session, package (with its credits), payment and checkout of ${duplicate.name} (${duplicate.email}) moves to ${keep.name}. ${duplicate.name}’s account is then disabled and kept for the record. This cannot be undone.`
              : 'Find the accidental second record of this client.'}
          </DialogDescription>
        </DialogHeader>
        {duplicate ? (
          <>
            {merge.isError ? (
              <Alert variant="destructive">
                <CircleAlert />
                <AlertDescription>{errorMessage(merge.error)}</AlertDescription>
              </Alert>
            ) : null}
            <DialogFooter>
              <Button
                variant="outline"
                onClick={() => setDuplicate(undefined)}
                disabled={merge.isPending}
              >
                Back
              </Button>
              <Button
                variant="destructive"
                loading={merge.isPending}
                onClick={() => merge.mutate({ keepId: keep.id, duplicateId: duplicate.id })}
              >
                Merge into {keep.name}
              </Button>
            </DialogFooter>
          </>
        ) : (
          <div className="max-h-[60dvh] overflow-y-auto">
            <ClientSearch
              renderRow={(row) =>
                row.id === keep.id ? (
                  <p className="text-muted-foreground px-4 py-3 text-sm">
                    {row.name} (this client)
                  </p>
                ) : (
                  <button
                    type="button"
                    onClick={() => setDuplicate(row)}
                    className="hover:bg-muted focus-visible:ring-ring/60 flex w-full items-center justify-between gap-3 px-4 py-3 text-left focus-visible:ring-[3px] focus-visible:outline-none focus-visible:ring-inset"
                  >
                    <span className="grid min-w-0">
                      <span className="truncate font-medium">{row.name}</span>
                      <span className="text-muted-foreground truncate text-sm">{row.email}</span>
                    </span>
                    <ChevronRight className="text-muted-foreground size-4 shrink-0" aria-hidden />
                  </button>
                )
              }
            />
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
