'use client';

import { badgeVariants } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';

import { useTRPC } from '~/trpc/react';
import { Countdown } from '~/components/access/countdown';

const NAV = [
  { href: '/clinics', label: 'Clinics' },
  { href: '/health', label: 'Health' },
  { href: '/jobs', label: 'Jobs' },
  { href: '/servers', label: 'Servers' },
  { href: '/audit', label: 'Audit log' },
];

/** The operator's open break-glass grants, always in sight: access to patient data is loud. */
function OpenAccessIndicator() {
  const trpc = useTRPC();
  const grants = useQuery({
    ...trpc.admin.access.list.queryOptions({ mineOnly: true, activeOnly: true }),
    refetchInterval: 30_000,
  });
  const queryClient = useQueryClient();
  const open = grants.data?.items ?? [];
  if (open.length === 0) return null;
  const first = open[0]!;
  return (
    <Link
      href={`/access/${first.id}`}
      className={badgeVariants({ variant: 'warning' })}
      title="You have read access to a clinic's data open"
    >
      Data access · {first.clinic.slug}{' '}
      <Countdown
        until={first.expiresAt}
        onEnd={() => void queryClient.invalidateQueries({ queryKey: trpc.admin.access.pathKey() })}
      />
      {open.length > 1 ? ` +${open.length - 1}` : ''}
    </Link>
  );
}

export function AppShell({
  operator,
  children,
}: {
  operator: { email: string; name: string };
  children: ReactNode;
}) {
  const pathname = usePathname();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const signOut = useMutation(
    trpc.admin.auth.signOut.mutationOptions({
      onSettled: () => {
        queryClient.clear();
        router.replace('/sign-in');
        router.refresh();
      },
    }),
  );
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="bg-primary text-primary-foreground sr-only z-50 rounded-md px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="bg-card sticky top-0 z-20 flex flex-wrap items-center gap-x-4 gap-y-1.5 border-b px-3 py-2 md:h-13 md:flex-nowrap md:px-5 md:py-0">
        <Link href="/clinics" className="flex items-baseline gap-1.5 font-bold whitespace-nowrap">
          Eventora <small className="text-muted-foreground font-medium">console</small>
        </Link>
        <nav
          className="order-3 flex w-full gap-0.5 overflow-x-auto md:order-none md:w-auto"
          aria-label="Console"
        >
          {NAV.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              aria-current={pathname.startsWith(item.href) ? 'page' : undefined}
              className="text-muted-foreground hover:bg-muted hover:text-foreground aria-[current=page]:bg-secondary aria-[current=page]:text-foreground rounded-md px-2.5 py-1.5 font-medium whitespace-nowrap"
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2.5 whitespace-nowrap">
          <OpenAccessIndicator />
          <span className="hidden md:inline" title={operator.name}>
            {operator.email}
          </span>
          <Button
            size="sm"
            variant="outline"
            onClick={() => signOut.mutate()}
            loading={signOut.isPending}
          >
            Sign out
          </Button>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-[1320px] flex-1 p-3 md:p-5">
        {children}
      </main>
    </div>
  );
}
