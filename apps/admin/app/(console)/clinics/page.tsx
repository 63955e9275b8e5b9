import type { Metadata } from 'next';
import { Button } from '@eventora/ui/button';
import Link from 'next/link';

import { ClinicRegistry } from '~/components/clinics/clinic-registry';
import { parseRegistryQuery } from '~/components/clinics/registry-query';

export const metadata: Metadata = { title: 'Clinics' };

export default async function ClinicsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const initial = parseRegistryQuery(await searchParams);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Clinics</h1>
          <p>Every clinic on the platform, with live figures. Times are UTC.</p>
        </div>
        <Button asChild>
          <Link href="/clinics/new">Onboard a clinic</Link>
        </Button>
      </div>
      <ClinicRegistry initial={initial} />
    </>
  );
}
