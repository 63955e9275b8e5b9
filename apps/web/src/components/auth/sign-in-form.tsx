'use client';

import { ZAuthSignInInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { applyServerError, FormError, FormField, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

import { useTRPC } from '~/trpc/react';
import { AuthCard } from './auth-card';

export function SignInForm({ next }: { next?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useZodForm(ZAuthSignInInput, { defaultValues: { email: '', password: '' } });
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: ({ user }) => {
        queryClient.clear();
        router.replace(next ?? (user.role === 'CLIENT' ? '/book' : '/staff'));
        router.refresh();
      },
      onError: (error) => applyServerError(form, error, ['email', 'password']),
    }),
  );
  const { errors } = form.formState;

  return (
    <AuthCard
      title="Welcome back"
      description="Sign in to book and manage your sessions."
      footer={
        <>
          New here?{' '}
          <Link
            href="/sign-up"
            className="text-primary font-medium underline-offset-4 hover:underline"
          >
            Create an account
          </Link>
        </>
      }
    >
      <form
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit((values) => signIn.mutate(values))}
      >
        <FormError message={errors.root?.server?.message} />
        <FormField form={form} name="email" label="Email">
          {(control) => (
            <Input type="email" autoComplete="email" inputMode="email" autoFocus {...control} />
          )}
        </FormField>
        <FormField form={form} name="password" label="Password">
          {(control) => <Input type="password" autoComplete="current-password" {...control} />}
        </FormField>
        <div className="-mt-1 text-right text-sm">
          <Link
            href="/forgot-password"
            className="text-muted-foreground hover:text-foreground underline-offset-4 hover:underline"
          >
            Forgot your password?
          </Link>
        </div>
        <Button type="submit" size="lg" loading={signIn.isPending}>
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
