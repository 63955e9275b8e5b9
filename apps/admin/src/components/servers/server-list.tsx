'use client';

import { EmptyState } from '@eventora/ui/empty-state';
import { LoadError } from '@eventora/ui/load-error';
import { useQuery } from '@tanstack/react-query';

import { LoadingBlock } from '~/components/states';
import { useTRPC } from '~/trpc/react';
import { ServerPanel } from './server-panel';

/** Every registered database server, its clinics and live connections, refreshed every 15 s. */
export function ServerList() {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.admin.servers.list.queryOptions(), refetchInterval: 15_000 });

  if (list.isPending) return <LoadingBlock label="Loading the database servers…" height={240} />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.servers.length === 0) {
    return (
      <EmptyState
        title="No database servers registered"
        description="Database-mode clinics live on the shared server. Register one with pnpm db:servers add."
      />
    );
  }
  return (
    <div className="grid gap-4 *:min-w-0">
      {list.data.servers.map((server) => (
        <ServerPanel key={server.name} server={server} />
      ))}
    </div>
  );
}
