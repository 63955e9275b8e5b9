'use client';

import type { ZAuthSignInInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { Field, fieldAria } from '@eventora/ui/field';
import { FormError } from '@eventora/ui/form';
import { applyServerError } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { z } from 'zod';

import type { FormSchema } from '~/lib/form-schema';
import { useSchemaForm } from '~/lib/forms';
import { useTRPC } from '~/trpc/react';
import { AuthCard } from './auth-card';

type Values = z.input<typeof ZAuthSignInInput>;

export function SignInForm({ schema, next }: { schema: FormSchema; next?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useSchemaForm<Values>(schema, { email: '', password: '' });
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
        <Field id="email" label="Email" error={errors.email?.message}>
          <Input
            type="email"
            autoComplete="email"
            inputMode="email"
            autoFocus
            {...fieldAria('email', errors.email?.message)}
            {...form.register('email')}
          />
        </Field>
        <Field id="password" label="Password" error={errors.password?.message}>
          <Input
            type="password"
            autoComplete="current-password"
            {...fieldAria('password', errors.password?.message)}
            {...form.register('password')}
          />
        </Field>
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
