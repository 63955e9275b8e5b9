'use client';

import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@eventora/ui/sheet';
import { ChevronRight, UserPlus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ClientSearch } from './client-search';
import { NewClientForm } from './clients/new-client-form';

/** The clinic's clients, searchable; each opens its history. Staff add new ones here. */
export function ClientsList() {
  const t = useTranslations('staff.clients');
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  return (
    <div className="grid max-w-3xl gap-4">
      <div>
        <Button onClick={() => setAdding(true)}>
          <UserPlus /> {t('new')}
        </Button>
      </div>
      <ClientSearch
        renderRow={(client) => (
          <Link
            href={`/staff/clients/${client.id}`}
            className="hover:bg-muted focus-visible:ring-ring/60 flex items-center justify-between gap-3 px-4 py-3 focus-visible:ring-[3px] focus-visible:outline-none focus-visible:ring-inset"
          >
            <span className="grid min-w-0">
              <span className="flex items-center gap-2 truncate font-medium">
                {client.name}
                {client.disabledAt ? <Badge variant="destructive">{t('disabled')}</Badge> : null}
              </span>
              <span className="text-muted-foreground truncate text-sm">
                {client.email}
                {client.phone ? ` · ${client.phone}` : ''}
              </span>
            </span>
            <ChevronRight className="text-muted-foreground size-4 shrink-0" aria-hidden />
          </Link>
        )}
      />
      <Sheet open={adding} onOpenChange={setAdding}>
        <SheetContent>
          <SheetHeader>
            <SheetTitle>{t('new')}</SheetTitle>
            <SheetDescription>{t('newText')}</SheetDescription>
          </SheetHeader>
          <div className="px-5 pb-5">
            <NewClientForm
              onCancel={() => setAdding(false)}
              onCreated={(client) => {
                setAdding(false);
                router.push(`/staff/clients/${client.id}`);
              }}
            />
          </div>
        </SheetContent>
      </Sheet>
    </div>
  );
}
