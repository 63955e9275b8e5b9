import type { ReactNode } from 'react';

import { AppShell } from '~/components/shell/app-shell';
import { requireOperator } from '~/server/operator';

// Every console page needs an operator's session; checked on the server before anything renders.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const operator = await requireOperator();
  return <AppShell operator={operator}>{children}</AppShell>;
}
