'use client';

import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import { useServerError } from '~/i18n/server-error';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

type ListPage = RouterOutputs['reservation']['list'];

/**
 * Cancels with an optimistic update: the card shows "Cancelled" at once, and goes back to
 * "Booked" (with the reason) if the clinic refuses.
 */
export function useCancelReservation() {
  const trpc = useTRPC();
  const t = useTranslations('bookings');
  const serverError = useServerError();
  const queryClient = useQueryClient();
  const listKey = trpc.reservation.list.pathKey();
  return useMutation(
    trpc.reservation.cancel.mutationOptions({
      onMutate: async ({ id }) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const snapshot = queryClient.getQueriesData<ListPage>({ queryKey: listKey });
        queryClient.setQueriesData<ListPage>({ queryKey: listKey }, (page) =>
          page
            ? {
                ...page,
                items: page.items.map((item) =>
                  item.id === id ? { ...item, status: 'cancelled', cancelledAt: new Date() } : item,
                ),
              }
            : page,
        );
        return { snapshot };
      },
      onError: (error, _input, context) => {
        for (const [key, data] of (context?.snapshot ?? []) as [QueryKey, ListPage | undefined][]) {
          queryClient.setQueryData(key, data);
        }
        toast.error(t('cancelFailed', { reason: serverError.text(error) }));
      },
      onSuccess: ({ creditReturned }) => {
        toast.success(creditReturned ? t('cancelledReturned') : t('cancelledUsed'));
      },
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: listKey });
        void queryClient.invalidateQueries({ queryKey: trpc.wallet.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.therapist.availability.pathKey() });
      },
    }),
  );
}

/** "This and all following" of a series: every later booked session of it is cancelled too. */
export function useCancelFollowing() {
  const trpc = useTRPC();
  const t = useTranslations('bookings');
  const serverError = useServerError();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.series.cancelFollowing.mutationOptions({
      onError: (error) => {
        toast.error(t('cancelFailed', { reason: serverError.text(error) }));
      },
      onSuccess: ({ cancelled }) => {
        const returned = cancelled.filter((one) => one.creditReturned).length;
        toast.success(t('cancelledFollowing', { count: cancelled.length, returned }));
      },
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.reservation.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.wallet.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.therapist.availability.pathKey() });
      },
    }),
  );
}
