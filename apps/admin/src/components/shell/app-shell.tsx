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
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/clinics" className="brand">
          Eventora <small>console</small>
        </Link>
        <nav className="nav" aria-label="Console">
          {NAV.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              aria-current={pathname.startsWith(item.href) ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="topbar-end">
          <OpenAccessIndicator />
          <span className="operator-email" title={operator.name}>
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
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
