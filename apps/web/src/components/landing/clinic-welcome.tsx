import type { PortalClinic } from '@eventora/api';
import { Button } from '@eventora/ui/button';
import { CalendarCheck, Clock, Package } from 'lucide-react';
import Link from 'next/link';

import { ClinicMark } from '~/components/clinic-mark';

/** A clinic's front page for visitors who are not signed in. */
export function ClinicWelcome({ clinic }: { clinic: PortalClinic }) {
  const features = [
    {
      icon: CalendarCheck,
      title: 'Book in seconds',
      text: 'Pick a branch, a therapist and a time that suits you.',
    },
    { icon: Package, title: 'Session packages', text: 'Buy a package once and book as you go.' },
    {
      icon: Clock,
      title: 'Plans change',
      text: `Cancel up to ${clinic.cancellationWindowHours} hours before and the session goes back to your package.`,
    },
  ];
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between gap-3 px-4 py-4">
        <span className="flex items-center gap-2.5 font-semibold">
          <ClinicMark name={clinic.name} />
          {clinic.name}
        </span>
        <Button asChild variant="ghost">
          <Link href="/sign-in">Sign in</Link>
        </Button>
      </header>
      <main className="flex-1">
        <section className="bg-primary text-primary-foreground">
          <div className="mx-auto grid max-w-5xl gap-6 px-4 py-14 sm:py-20">
            <h1 className="max-w-2xl text-3xl font-bold tracking-tight text-balance sm:text-5xl">
              Your next session at {clinic.name}, booked in a minute.
            </h1>
            <p className="max-w-xl text-lg opacity-90">
              See real-time availability at every branch, and manage your bookings and packages from
              your phone.
            </p>
            <div className="flex flex-col gap-3 sm:flex-row">
              <Button asChild size="lg" variant="secondary">
                <Link href="/sign-up">Create an account</Link>
              </Button>
              <Button
                asChild
                size="lg"
                variant="outline"
                className="border-primary-foreground/40 text-primary-foreground bg-transparent hover:bg-white/10 hover:text-primary-foreground"
              >
                <Link href="/sign-in">I already have one</Link>
              </Button>
            </div>
          </div>
        </section>
        <section className="mx-auto grid max-w-5xl gap-4 px-4 py-12 sm:grid-cols-3">
          {features.map(({ icon: Icon, title, text }) => (
            <div key={title} className="bg-card rounded-xl border p-5">
              <Icon className="text-primary mb-3 size-6" aria-hidden />
              <h2 className="font-semibold">{title}</h2>
              <p className="text-muted-foreground mt-1 text-sm">{text}</p>
            </div>
          ))}
        </section>
      </main>
      <footer className="text-muted-foreground py-6 text-center text-xs">
        Bookings by Eventora
      </footer>
    </div>
  );
}
