import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { PackageOpen } from 'lucide-react';
import Link from 'next/link';

/** Said before the steps when there is no session credit to book with. */
export function NoCreditsNotice({ clientName }: { clientName?: string }) {
  return (
    <Alert variant="info">
      <PackageOpen />
      <AlertTitle>
        {clientName ? `${clientName} has no sessions left` : 'You have no sessions left'}
      </AlertTitle>
      <AlertDescription>
        {clientName ? (
          'Each booking uses one session from a package. Sell them a package first.'
        ) : (
          <>
            Each booking uses one session from a package.
            <Button asChild size="sm" className="mt-1">
              <Link href="/packages">Get a package</Link>
            </Button>
          </>
        )}
      </AlertDescription>
    </Alert>
  );
}
