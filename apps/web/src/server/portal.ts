import 'server-only';

import { slugFromHost, type PortalClinic } from '@eventora/api';
import { TRPCError } from '@trpc/server';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';

import { caller } from '~/trpc/server';
import { serverEnv } from './env';

export type Role = 'OWNER' | 'STAFF' | 'THERAPIST' | 'CLIENT';

export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Their own language (`en`, `es`), or null: the clinic's. */
  locale: 'en' | 'es' | null;
}

/** The clinic slug in this request's host (`alpha.localhost:3000` → `alpha`), as the API reads it. */
export const hostSlug = cache(
  async (): Promise<string | null> =>
    slugFromHost((await headers()).get('host'), serverEnv().ROOT_DOMAIN) ?? null,
);

const isCode = (error: unknown, code: TRPCError['code']) =>
  error instanceof TRPCError && error.code === code;

/**
 * The clinic this address belongs to, or null when the host names none (the landing page) or
 * one that does not exist or is suspended (answered alike by the API).
 */
export const getClinic = cache(async (): Promise<PortalClinic | null> => {
  if (!(await hostSlug())) return null;
  try {
    return await (await caller()).portal.clinic();
  } catch (error) {
    if (isCode(error, 'NOT_FOUND')) return null;
    throw error;
  }
});

/** The clinic, or the not-found page. */
export async function requireClinic(): Promise<PortalClinic> {
  const clinic = await getClinic();
  if (!clinic) notFound();
  return clinic;
}

/** Who is signed in to this clinic, or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  if (!(await getClinic())) return null;
  try {
    return (await (await caller()).auth.me()).user;
  } catch (error) {
    if (isCode(error, 'UNAUTHORIZED')) return null;
    throw error;
  }
});

/** The signed-in user, sent to sign-in (and back to this page afterwards) when there is none. */
export async function requireViewer(roles?: readonly Role[]): Promise<Viewer> {
  await requireClinic();
  const viewer = await getViewer();
  if (!viewer) {
    const path = (await headers()).get('x-portal-path') ?? '/';
    redirect(path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`);
  }
  if (roles && !roles.includes(viewer.role)) redirect(homeFor(viewer.role));
  return viewer;
}

/** Where each role starts. */
export function homeFor(role: Role): string {
  return role === 'CLIENT' ? '/book' : '/staff';
}
