'use client';

import { Alert, AlertDescription } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { Card, CardContent, CardDescription, CardHeader } from '@eventora/ui/card';
import { Field, fieldAria } from '@eventora/ui/field';
import { Input } from '@eventora/ui/input';
import { errorMessage } from '@eventora/ui/error-message';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { fieldErrors } from '~/components/states';
import { useTRPC } from '~/trpc/react';

export function SignInForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation(
    trpc.admin.auth.signIn.mutationOptions({
      onSuccess: () => {
        router.replace(next);
        router.refresh();
      },
    }),
  );
  const fields = fieldErrors(signIn.error);
  return (
    <Card className="w-full max-w-[400px]">
      <CardHeader>
        <h1 className="text-xl font-bold">Eventora console</h1>
        <CardDescription>
          For platform operators. Clinic staff sign in at their clinic’s portal.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            signIn.mutate({ email, password });
          }}
        >
          {signIn.error && !fields.email && !fields.password ? (
            <Alert variant="destructive">
              <AlertDescription>{errorMessage(signIn.error)}</AlertDescription>
            </Alert>
          ) : null}
          <Field id="email" label="Email" error={fields.email}>
            <Input
              {...fieldAria('email', fields.email)}
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </Field>
          <Field id="password" label="Password" error={fields.password}>
            <Input
              {...fieldAria('password', fields.password)}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </Field>
          <Button type="submit" loading={signIn.isPending} className="w-full">
            Sign in
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
