'use client';

import { Button } from '@eventora/ui/button';
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from '@eventora/ui/card';
import { errorMessage } from '@eventora/ui/error-message';
import { toast } from '@eventora/ui/toast';
import { useMutation } from '@tanstack/react-query';
import { KeyRound, LogOut, MonitorSmartphone } from 'lucide-react';

import { useSignOut } from '~/components/shell/sign-out';
import type { Viewer } from '~/server/portal';
import { useTRPC } from '~/trpc/react';

const ROLE = { OWNER: 'Owner', STAFF: 'Staff', THERAPIST: 'Therapist', CLIENT: 'Client' } as const;

/** Who you are here, password change (by email link), and signing out. */
export function AccountSettings({ viewer }: { viewer: Viewer }) {
  const trpc = useTRPC();
  const signOut = useSignOut();
  const reset = useMutation(
    trpc.auth.requestPasswordReset.mutationOptions({
      onSuccess: () =>
        toast.success(`We sent a link to ${viewer.email}. It works once and expires soon.`),
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <div className="grid max-w-2xl gap-4">
      <Card>
        <CardHeader>
          <CardTitle>Profile</CardTitle>
          <CardDescription>Ask the clinic to change your name or email.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[6rem_1fr] gap-y-2 text-sm">
            <dt className="text-muted-foreground">Name</dt>
            <dd className="font-medium">{viewer.name}</dd>
            <dt className="text-muted-foreground">Email</dt>
            <dd className="font-medium break-all">{viewer.email}</dd>
            <dt className="text-muted-foreground">Role</dt>
            <dd className="font-medium">{ROLE[viewer.role]}</dd>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>
            We’ll email you a link to choose a new password; your other devices are signed out when
            you do.
          </CardDescription>
        </CardHeader>
        <CardFooter>
          <Button
            variant="outline"
            loading={reset.isPending}
            onClick={() => reset.mutate({ email: viewer.email })}
          >
            <KeyRound /> Email me a link
          </Button>
        </CardFooter>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Sessions</CardTitle>
          <CardDescription>Lost a phone? Sign out everywhere at once.</CardDescription>
        </CardHeader>
        <CardFooter className="flex-col items-stretch gap-2 sm:flex-row">
          <Button
            variant="outline"
            onClick={() => signOut.mutate({})}
            loading={signOut.isPending && !signOut.variables?.everywhere}
          >
            <LogOut /> Sign out
          </Button>
          <Button
            variant="destructive"
            onClick={() => signOut.mutate({ everywhere: true })}
            loading={signOut.isPending && Boolean(signOut.variables?.everywhere)}
          >
            <MonitorSmartphone /> Sign out everywhere
          </Button>
        </CardFooter>
      </Card>
    </div>
  );
}
