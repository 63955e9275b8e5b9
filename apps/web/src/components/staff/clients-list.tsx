'use client';

import { Badge } from '@eventora/ui/badge';
import { ChevronRight } from 'lucide-react';
import Link from 'next/link';

import { ClientSearch } from './client-search';

/** The clinic's clients, searchable; each opens its history. */
export function ClientsList() {
  return (
    <div className="max-w-3xl">
      <ClientSearch
        renderRow={(client) => (
          <Link
            href={`/staff/clients/${client.id}`}
            className="hover:bg-muted focus-visible:ring-ring/60 flex items-center justify-between gap-3 px-4 py-3 focus-visible:ring-[3px] focus-visible:outline-none focus-visible:ring-inset"
          >
            <span className="grid min-w-0">
              <span className="flex items-center gap-2 truncate font-medium">
                {client.name}
                {client.disabledAt ? <Badge variant="destructive">Disabled</Badge> : null}
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
    </div>
  );
}
