'use client';

import { Button } from '@eventora/ui/button';
import { ChevronRight, UserRound } from 'lucide-react';
import { useState } from 'react';

import { BookingFlow } from '~/components/booking/booking-flow';
import { ClientSearch } from './client-search';

/** Staff book on a client's behalf: find the client, then the same flow clients use. */
export function StaffBooking() {
  const [client, setClient] = useState<{ id: string; name: string }>();
  if (!client) {
    return (
      <div className="max-w-2xl">
        <ClientSearch
          autoFocus
          renderRow={(row) => (
            <button
              type="button"
              onClick={() => setClient({ id: row.id, name: row.name })}
              className="hover:bg-muted focus-visible:ring-ring/60 flex w-full items-center justify-between gap-3 px-4 py-3 text-left focus-visible:ring-[3px] focus-visible:outline-none focus-visible:ring-inset"
            >
              <span className="grid min-w-0">
                <span className="truncate font-medium">{row.name}</span>
                <span className="text-muted-foreground truncate text-sm">{row.email}</span>
              </span>
              <ChevronRight className="text-muted-foreground size-4 shrink-0" aria-hidden />
            </button>
          )}
        />
      </div>
    );
  }
  return (
    <div className="grid gap-6">
      <div className="bg-card flex items-center justify-between gap-3 rounded-xl border p-3 pl-4">
        <span className="flex min-w-0 items-center gap-2">
          <UserRound className="text-primary size-5 shrink-0" aria-hidden />
          <span className="truncate">
            Booking for <strong>{client.name}</strong>
          </span>
        </span>
        <Button variant="outline" size="sm" onClick={() => setClient(undefined)}>
          Change client
        </Button>
      </div>
      <BookingFlow key={client.id} client={client} bookingsHref="/staff" />
    </div>
  );
}
