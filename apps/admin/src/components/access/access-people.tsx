'use client';

import { Button } from '@eventora/ui/button';
import { Card } from '@eventora/ui/card';
import { EmptyState } from '@eventora/ui/empty-state';
import { Input } from '@eventora/ui/input';
import { LoadError } from '@eventora/ui/load-error';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@eventora/ui/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { LoadingRows } from '~/components/states';
import { formatDateTime } from '~/lib/format';
import { TOOLBAR } from '~/lib/styles';
import { useTRPC } from '~/trpc/react';

/** The clinic's people (emails masked), searched by name through the grant. */
export function AccessPeople({ grantId, enabled }: { grantId: string; enabled: boolean }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [submitted, setSubmitted] = useState('');
  const people = useQuery({
    ...trpc.admin.access.clients.queryOptions({
      grantId,
      search: submitted || undefined,
      limit: 50,
    }),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
    placeholderData: keepPreviousData,
  });
  return (
    <div className="grid gap-3">
      <form
        className={TOOLBAR}
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(search.trim());
        }}
      >
        <label className="flex-[1_1_220px]">
          Name contains
          <Input value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <Button type="submit" variant="outline" disabled={!enabled}>
          Search
        </Button>
      </form>
      {people.isError ? (
        <LoadError error={people.error} onRetry={() => void people.refetch()} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableCaption className="sr-only">People of the clinic (emails masked)</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Email (masked)</TableHead>
                <TableHead>Since</TableHead>
                <TableHead>Id</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {people.isPending ? (
                <LoadingRows columns={5} rows={4} />
              ) : people.data.items.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={5}>
                    <EmptyState title="Nobody matches." className="m-2 border-0 py-6" />
                  </TableCell>
                </TableRow>
              ) : (
                people.data.items.map((person) => (
                  <TableRow key={person.id}>
                    <TableCell>
                      {person.name}
                      {person.disabled ? ' (disabled)' : ''}
                    </TableCell>
                    <TableCell>{person.role.toLowerCase()}</TableCell>
                    <TableCell className="font-mono">{person.emailHint}</TableCell>
                    <TableCell>{formatDateTime(person.createdAt).slice(0, 11)}</TableCell>
                    <TableCell className="font-mono">{person.id.slice(0, 8)}…</TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </Card>
      )}
    </div>
  );
}
