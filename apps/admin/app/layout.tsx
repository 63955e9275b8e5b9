import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';

import { TRPCReactProvider } from '~/trpc/react';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Eventora console', template: '%s · Eventora console' },
  description: 'Operate the clinics on the Eventora platform.',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
