import { notFound, redirect } from 'next/navigation';

import { ClinicWelcome } from '~/components/landing/clinic-welcome';
import { Landing } from '~/components/landing/landing';
import { getClinic, getViewer, homeFor, hostSlug } from '~/server/portal';

/** `localhost:3000` is the front door (choose a clinic); `<slug>.localhost:3000` is the clinic's. */
export default async function HomePage() {
  if (!(await hostSlug())) return <Landing />;
  const clinic = await getClinic();
  if (!clinic) notFound();
  const viewer = await getViewer();
  if (viewer) redirect(homeFor(viewer.role));
  return <ClinicWelcome clinic={clinic} />;
}
