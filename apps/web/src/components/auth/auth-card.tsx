import { Card, CardContent, CardDescription, CardHeader } from '@eventora/ui/card';
import type { ReactNode } from 'react';

/** The card every sign-in, sign-up and password page sits in. */
export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <>
      <Card className="shadow-sm">
        <CardHeader>
          <h1 className="text-xl leading-tight font-semibold">{title}</h1>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </CardHeader>
        <CardContent>{children}</CardContent>
      </Card>
      {footer ? (
        <div className="text-muted-foreground mt-6 text-center text-sm">{footer}</div>
      ) : null}
    </>
  );
}
