'use client';

import { ActionDialog, DialogActions } from '@eventora/ui/action-dialog';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';
import { PaymentFields, type PaymentDraft } from './payment-fields';
import { PAYMENT_METHODS, toCents } from './payment-methods';
import type { DeskReservation } from './use-desk-day';

/** Records money taken at the desk for a session booked without a credit. */
export function TakePaymentDialog({
  reservation,
  open,
  onOpenChange,
}: {
  reservation: DeskReservation;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<PaymentDraft>({ method: 'cash', amount: '', reference: '' });
  const [amountError, setAmountError] = useState<string>();
  const record = useMutation(
    trpc.desk.recordPayment.mutationOptions({
      onSuccess: (payment) => {
        toast.success(
          `${PAYMENT_METHODS[payment.method]} payment recorded for ${reservation.client.name}.`,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.desk.payments.pathKey() });
        onOpenChange(false);
      },
    }),
  );
  const submit = () => {
    const amountCents = toCents(draft.amount);
    setAmountError(amountCents ? undefined : 'Enter the amount taken.');
    if (!amountCents) return;
    record.mutate({
      reservationId: reservation.id,
      amountCents,
      method: draft.method,
      reference: draft.reference.trim() || null,
    });
  };
  return (
    <ActionDialog
      open={open}
      onOpenChange={onOpenChange}
      busy={record.isPending}
      title="Take payment"
      description={`${reservation.client.name}${reservation.service ? ` · ${reservation.service.name}` : ''}`}
      error={record.error}
    >
      <PaymentFields
        idPrefix="take-payment"
        value={draft}
        onChange={setDraft}
        amountError={amountError}
      />
      <DialogActions
        onCancel={() => onOpenChange(false)}
        submitLabel="Record payment"
        onSubmit={submit}
        pending={record.isPending}
      />
    </ActionDialog>
  );
}
