import 'server-only';

import { TRPCError } from '@trpc/server';
import { redirect } from 'next/navigation';
import { cache } from 'react';

import { caller } from '~/trpc/server';
import { serverEnv } from './env';

export interface Operator {
  id: string;
  email: string;
  name: string;
}

/**
 * The signed-in operator for this request, or null: asked of the console's own API
 * (`admin.auth.me`), so pages and procedures make exactly one check.
 */
export const currentOperator = cache(async (): Promise<Operator | null> => {
  try {
    return (await (await caller()).admin.auth.me()).operator;
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') return null;
    throw error;
  }
});

/** The signed-in operator, or the sign-in page. */
export async function requireOperator(): Promise<Operator> {
  const operator = await currentOperator();
  if (!operator) redirect('/sign-in');
  return operator;
}

/** A clinic portal's address pattern (`http://{slug}.localhost:3000`), from configuration. */
export function portalUrlPattern(): string {
  const { ROOT_DOMAIN, PORTAL_PORT } = serverEnv();
  return ROOT_DOMAIN === 'localhost'
    ? `http://{slug}.localhost:${PORTAL_PORT}`
    : `https://{slug}.${ROOT_DOMAIN}`;
}
