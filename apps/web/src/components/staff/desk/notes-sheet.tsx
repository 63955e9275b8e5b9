'use client';

import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import { FormError } from '@eventora/ui/form';
import { Label } from '@eventora/ui/label';
import { LoadError } from '@eventora/ui/load-error';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@eventora/ui/sheet';
import { Skeleton } from '@eventora/ui/skeleton';
import { Textarea } from '@eventora/ui/textarea';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';
import type { DeskReservation } from './use-desk-day';

/**
 * A session's notes, for the team only (clients never see them). Opening them is a clinical
 * read: the API audits it, so they load only when the sheet is opened.
 */
export function NotesSheet({
  reservation,
  open,
  onOpenChange,
}: {
  reservation: DeskReservation;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations('staff.notes');
  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent>
        <SheetHeader>
          <SheetTitle>{t('title', { name: reservation.client.name })}</SheetTitle>
          <SheetDescription>{t('description')}</SheetDescription>
        </SheetHeader>
        {open ? <Notes reservationId={reservation.id} /> : null}
      </SheetContent>
    </Sheet>
  );
}

function Notes({ reservationId }: { reservationId: string }) {
  const t = useTranslations('staff.notes');
  const { formatStamp } = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notes = useQuery(
    trpc.note.list.queryOptions({ reservationId }, { refetchOnWindowFocus: false }),
  );
  const [body, setBody] = useState('');
  const add = useMutation(
    trpc.note.add.mutationOptions({
      onSuccess: () => {
        setBody('');
        toast.success(t('added'));
        void queryClient.invalidateQueries({
          queryKey: trpc.note.list.queryKey({ reservationId }),
        });
      },
    }),
  );
  return (
    <div className="grid gap-4 px-5 pb-5">
      {notes.isPending ? (
        <Skeleton className="h-24" />
      ) : notes.isError ? (
        <LoadError error={notes.error} onRetry={() => notes.refetch()} />
      ) : notes.data.length === 0 ? (
        <p className="text-muted-foreground text-sm">{t('none')}</p>
      ) : (
        <ol className="grid gap-3" aria-label={t('list')}>
          {notes.data.map((note) => (
            <li key={note.id} className="bg-muted/50 rounded-lg p-3 text-sm">
              <p className="whitespace-pre-wrap">{note.body}</p>
              <p className="text-muted-foreground mt-1 text-xs">
                {note.author.name} · {formatStamp(note.createdAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form
        className="grid gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (body.trim()) add.mutate({ reservationId, body });
        }}
      >
        <FormError message={add.isError ? errorMessage(add.error) : undefined} />
        <Label htmlFor="note-body">{t('add')}</Label>
        <Textarea
          id="note-body"
          rows={3}
          maxLength={4000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <Button type="submit" loading={add.isPending} disabled={!body.trim()}>
          {t('save')}
        </Button>
      </form>
    </div>
  );
}
