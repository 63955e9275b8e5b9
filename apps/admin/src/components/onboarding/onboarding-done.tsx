import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { Card, CardContent } from '@eventora/ui/card';
import Link from 'next/link';

import { SetPasswordLink } from './set-password-link';

/** The clinic is open: its portal, the first owner's link, and where to go next. */
export function OnboardingDone({
  name,
  portalUrl,
  result,
  onAnother,
}: {
  name: string;
  portalUrl: string;
  result: { id: string; mode: string; setPasswordLink: string | null };
  onAnother: () => void;
}) {
  return (
    <Card className="max-w-3xl">
      <CardContent className="grid gap-4">
        <Alert>
          <AlertTitle>{name} is open</AlertTitle>
          <AlertDescription>
            <p>
              Its portal is at{' '}
              <a
                className="text-primary underline"
                href={portalUrl}
                target="_blank"
                rel="noreferrer"
              >
                {portalUrl}
              </a>{' '}
              ({result.mode} mode).
            </p>
          </AlertDescription>
        </Alert>
        <SetPasswordLink link={result.setPasswordLink} />
        <div className="flex flex-wrap gap-2">
          <Button asChild>
            <Link href={`/clinics/${result.id}`}>Go to the clinic</Link>
          </Button>
          <Button variant="outline" onClick={onAnother}>
            Onboard another
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
