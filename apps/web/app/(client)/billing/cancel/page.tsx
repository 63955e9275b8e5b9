import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { ShoppingBag } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Payment cancelled' };

export default function CancelPage() {
  return (
    <EmptyState
      icon={<ShoppingBag />}
      title="Payment cancelled"
      description="Nothing was charged. You can pick a package again whenever you like."
      action={
        <Button asChild>
          <Link href="/packages">Back to packages</Link>
        </Button>
      }
    />
  );
}
