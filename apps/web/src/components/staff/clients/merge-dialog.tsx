'use client';

import { ActionDialog, DialogActions } from '@eventora/ui/action-dialog';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('staff.merge');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [duplicate, setDuplicate] = useState<ClientRow>();
  const merge = useMutation(
    trpc.client.merge.mutationOptions({
      onSuccess: ({ moved }) => {
        toast.success(
          t('merged', {
            sessions: moved.reservations,
            packages: moved.packages,
            payments: moved.payments,
            name: keep.name,
          }),
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
          ? t('confirmTitle', { duplicate: duplicate.name, keep: keep.name })
          : t('title', { keep: keep.name })
      }
      description={
        duplicate
          ? t('confirmText', {
              duplicate: duplicate.name,
              email: duplicate.email,
              keep: keep.name,
            })
          : t('find')
      }
      error={duplicate ? merge.error : undefined}
    >
      {duplicate ? (
        <DialogActions
          cancelLabel={t('back')}
          onCancel={() => setDuplicate(undefined)}
          submitLabel={t('submit', { keep: keep.name })}
          variant="destructive"
          onSubmit={() => merge.mutate({ keepId: keep.id, duplicateId: duplicate.id })}
          pending={merge.isPending}
        />
      ) : (
        <div className="max-h-[60dvh] overflow-y-auto">
          <ClientSearch
            renderRow={(row) =>
              row.id === keep.id ? (
                <p className="text-muted-foreground px-4 py-3 text-sm">
                  {t('thisClient', { name: row.name })}
                </p>
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
