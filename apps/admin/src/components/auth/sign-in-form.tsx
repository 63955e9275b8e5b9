'use client';

import { ZAdminAuthSignInInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { Card, CardContent, CardDescription, CardHeader } from '@eventora/ui/card';
import { applyServerError, FormError, FormField, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

import { useTRPC } from '~/trpc/react';

export function SignInForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useZodForm(ZAdminAuthSignInInput, { defaultValues: { email: '', password: '' } });
  const signIn = useMutation(
    trpc.admin.auth.signIn.mutationOptions({
      onSuccess: () => {
        router.replace(next);
        router.refresh();
      },
      onError: (error) => applyServerError(form, error, ['email', 'password']),
    }),
  );
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
          onSubmit={form.handleSubmit((values) => signIn.mutate(values))}
        >
          <FormError message={form.formState.errors.root?.server?.message} />
          <FormField form={form} name="email" label="Email">
            {(control) => (
              <Input type="email" autoComplete="username" required autoFocus {...control} />
            )}
          </FormField>
          <FormField form={form} name="password" label="Password">
            {(control) => (
              <Input type="password" autoComplete="current-password" required {...control} />
            )}
          </FormField>
          <Button type="submit" loading={signIn.isPending} className="w-full">
            Sign in
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
