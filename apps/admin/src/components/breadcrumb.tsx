import Link from 'next/link';
import { Fragment, type ReactNode } from 'react';

/** Where a page sits (`Clinics / alpha / data access`); links for every level but the last. */
export function Breadcrumb({ items }: { items: { label: ReactNode; href?: string }[] }) {
  return (
    <nav className="text-muted-foreground mb-1.5 text-sm" aria-label="Breadcrumb">
      {items.map((item, index) => (
        <Fragment key={index}>
          {index > 0 ? ' / ' : null}
          {item.href ? (
            <Link className="hover:underline" href={item.href}>
              {item.label}
            </Link>
          ) : (
            item.label
          )}
        </Fragment>
      ))}
    </nav>
  );
}
