'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@eventora/ui/dialog';
import { EmptyState } from '@eventora/ui/empty-state';
import { Skeleton } from '@eventora/ui/skeleton';
import { toast } from '@eventora/ui/toast';
import { errorMessage, isClinicUpgrading } from '@eventora/ui/error-message';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarCheck2, CircleAlert, MapPin, PackageOpen, Sparkles, Users } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useRef, useState } from 'react';

import {
  addDaysToKey,
  dayKeyOf,
  formatLongDay,
  formatMoney,
  formatTime,
  startOfDayKey,
  type DayKey,
} from '~/lib/time';
import { useTRPC } from '~/trpc/react';
import { ChoiceCard } from './choice-card';
import { SlotPicker } from './slot-picker';
import { StepHeading } from './step-heading';
import { useSlots, type MergedSlot } from './use-slots';

const DAYS_AHEAD = 14;
const ANY = 'any';
const STANDARD = 'standard';

export interface BookingFlowProps {
  /** Staff booking for a client; absent when clients book for themselves. */
  client?: { id: string; name: string };
  /** Where "see the booking" goes after booking. */
  bookingsHref: string;
}

/**
 * Branch → therapist (or anyone free) → the therapist's service, if they offer any (its length
 * sets the slots) → day → time → confirm. Every time shown is a free slot from
 * `therapist.availability`, on the branch's clock; the booking spends one session credit.
 */
export function BookingFlow({ client, bookingsHref }: BookingFlowProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const branches = useQuery(trpc.branch.list.queryOptions());
  const wallet = useQuery(trpc.wallet.list.queryOptions(client ? { clientId: client.id } : {}));

  const [branchId, setBranchId] = useState<string>();
  const [therapistChoice, setTherapistChoice] = useState<string>();
  const [serviceChoice, setServiceChoice] = useState<string>(STANDARD);
  const [day, setDay] = useState<DayKey>();
  const [slot, setSlot] = useState<MergedSlot>();
  const [confirming, setConfirming] = useState(false);
  const [booked, setBooked] = useState<{
    at: Date;
    timeZone: string;
    therapist: string;
    branch: string;
  }>();
  const therapistRef = useRef<HTMLDivElement>(null);
  const timeRef = useRef<HTMLDivElement>(null);

  const branchList = branches.data ?? [];
  const effectiveBranchId = branchId ?? (branchList.length === 1 ? branchList[0]!.id : undefined);
  const branch = branchList.find((b) => b.id === effectiveBranchId);
  const timeZone = branch?.timezone ?? 'UTC';

  const therapists = useQuery(
    trpc.therapist.list.queryOptions(
      { branchId: effectiveBranchId },
      { enabled: Boolean(effectiveBranchId) },
    ),
  );
  const therapistList = therapists.data ?? [];
  // A chosen therapist's services (their lengths set the slots); "any" books the standard session.
  const chosenTherapist = therapistChoice && therapistChoice !== ANY ? therapistChoice : undefined;
  const services = useQuery(
    trpc.service.list.queryOptions(
      { therapistId: chosenTherapist },
      { enabled: Boolean(chosenTherapist) },
    ),
  );
  const serviceList = chosenTherapist ? (services.data ?? []) : [];
  const service = serviceList.find((s) => s.id === serviceChoice);
  const therapistIds =
    therapistChoice === ANY
      ? therapistList.map((t) => t.id)
      : therapistChoice
        ? [therapistChoice]
        : [];

  const today = dayKeyOf(new Date(), timeZone);
  const days = useMemo(
    () => Array.from({ length: DAYS_AHEAD }, (_, i) => addDaysToKey(today, i)),
    [today],
  );
  const from = useMemo(() => startOfDayKey(today, timeZone), [today, timeZone]);
  const to = useMemo(
    () => startOfDayKey(addDaysToKey(today, DAYS_AHEAD), timeZone),
    [today, timeZone],
  );
  const slots = useSlots({
    branchId: effectiveBranchId,
    therapistIds,
    serviceId: service?.id,
    from,
    to,
    enabled: therapistIds.length > 0,
  });

  const activeCredits = (wallet.data?.items ?? []).filter((item) => item.status === 'active');
  const credits = activeCredits.reduce((sum, item) => sum + item.creditsLeft, 0);
  const spendFrom = [...activeCredits].sort(
    (a, b) => a.expiresAt.getTime() - b.expiresAt.getTime(),
  )[0];

  const slotTherapistId = slot?.therapistIds[0];
  const slotTherapist = therapistList.find((t) => t.id === slotTherapistId);

  const create = useMutation(
    trpc.reservation.create.mutationOptions({
      onSuccess: (reservation) => {
        setConfirming(false);
        setSlot(undefined);
        setBooked({
          at: reservation.startsAt,
          timeZone: reservation.branch.timeZone,
          therapist: reservation.therapist.name,
          branch: reservation.branch.name,
        });
        toast.success('Booked! See you there.');
        void queryClient.invalidateQueries({ queryKey: trpc.therapist.availability.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.reservation.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.wallet.list.pathKey() });
        window.scrollTo({ top: 0, behavior: 'smooth' });
      },
      onError: (error) => {
        // A freeze (the clinic is moving) is a CONFLICT too, but the slot is still free.
        if (error.data?.code === 'CONFLICT' && !isClinicUpgrading(error)) {
          toast.error('That time was just taken. Please pick another one.');
          setConfirming(false);
          setSlot(undefined);
          void slots.refetch();
        }
      },
    }),
  );

  const reveal = (ref: React.RefObject<HTMLDivElement | null>) =>
    requestAnimationFrame(() =>
      ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    );

  if (booked) {
    return (
      <section
        aria-labelledby="booked-title"
        className="bg-card mx-auto grid max-w-lg gap-5 rounded-2xl border p-6 text-center shadow-xs"
      >
        <div className="bg-accent text-primary mx-auto flex size-14 items-center justify-center rounded-full">
          <CalendarCheck2 className="size-7" aria-hidden />
        </div>
        <div className="grid gap-1">
          <h2 id="booked-title" className="text-xl font-semibold">
            {client ? `${client.name} is booked` : 'You’re booked'}
          </h2>
          <p className="text-muted-foreground">
            {formatLongDay(booked.at, booked.timeZone)} at {formatTime(booked.at, booked.timeZone)}
            <br />
            with {booked.therapist} · {booked.branch}
          </p>
        </div>
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-center">
          <Button asChild>
            <Link href={bookingsHref}>{client ? 'Back to the schedule' : 'See my bookings'}</Link>
          </Button>
          <Button variant="outline" onClick={() => setBooked(undefined)}>
            Book another
          </Button>
        </div>
      </section>
    );
  }

  if (branches.isPending) {
    return (
      <div className="grid gap-3" aria-busy="true" aria-label="Loading branches">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-20" />
        <Skeleton className="h-20" />
      </div>
    );
  }
  if (branches.isError) {
    return (
      <Alert variant="destructive">
        <CircleAlert />
        <AlertTitle>Couldn’t load the clinic’s branches</AlertTitle>
        <AlertDescription>
          {errorMessage(branches.error)}
          <Button size="sm" variant="outline" onClick={() => branches.refetch()}>
            Try again
          </Button>
        </AlertDescription>
      </Alert>
    );
  }
  if (branchList.length === 0) {
    return (
      <EmptyState
        icon={<MapPin />}
        title="No branches open for booking yet"
        description="The clinic hasn’t opened any branch for online booking. Please check back soon."
      />
    );
  }

  return (
    <div className="grid gap-8 pb-24">
      {!wallet.isPending && credits === 0 ? (
        <Alert variant="info">
          <PackageOpen />
          <AlertTitle>
            {client ? `${client.name} has no sessions left` : 'You have no sessions left'}
          </AlertTitle>
          <AlertDescription>
            {client ? (
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
      ) : null}

      <section aria-labelledby="step-branch">
        <StepHeading step={1} id="step-branch" done={Boolean(branch)}>
          Choose a branch
        </StepHeading>
        <div role="radiogroup" aria-labelledby="step-branch" className="grid gap-3 sm:grid-cols-2">
          {branchList.map((b) => (
            <ChoiceCard
              key={b.id}
              name="branch"
              value={b.id}
              checked={b.id === effectiveBranchId}
              onChange={(id) => {
                setBranchId(id);
                setTherapistChoice(undefined);
                setSlot(undefined);
                setDay(undefined);
                reveal(therapistRef);
              }}
            >
              <MapPin className="text-primary mt-0.5 size-5 shrink-0" aria-hidden />
              <span className="grid gap-0.5">
                <span className="font-medium">{b.name}</span>
                {b.address ? (
                  <span className="text-muted-foreground text-sm">{b.address}</span>
                ) : null}
              </span>
            </ChoiceCard>
          ))}
        </div>
      </section>

      {branch ? (
        <section aria-labelledby="step-therapist" ref={therapistRef} className="scroll-mt-20">
          <StepHeading step={2} id="step-therapist" done={Boolean(therapistChoice)}>
            Choose a therapist
          </StepHeading>
          {therapists.isPending ? (
            <div
              className="grid gap-3 sm:grid-cols-2"
              aria-busy="true"
              aria-label="Loading therapists"
            >
              <Skeleton className="h-20" />
              <Skeleton className="h-20" />
            </div>
          ) : therapists.isError ? (
            <Alert variant="destructive">
              <CircleAlert />
              <AlertDescription>
                Couldn’t load therapists. {errorMessage(therapists.error)}
                <Button size="sm" variant="outline" onClick={() => therapists.refetch()}>
                  Try again
                </Button>
              </AlertDescription>
            </Alert>
          ) : therapistList.length === 0 ? (
            <EmptyState
              icon={<Users />}
              title="No therapists at this branch yet"
              description="Try another branch."
            />
          ) : (
            <div
              role="radiogroup"
              aria-labelledby="step-therapist"
              className="grid gap-3 sm:grid-cols-2"
            >
              {therapistList.length > 1 ? (
                <ChoiceCard
                  name="therapist"
                  value={ANY}
                  checked={therapistChoice === ANY}
                  onChange={(value) => {
                    setTherapistChoice(value);
                    setServiceChoice(STANDARD);
                    setSlot(undefined);
                    reveal(timeRef);
                  }}
                >
                  <span className="bg-accent text-primary flex size-10 shrink-0 items-center justify-center rounded-full">
                    <Sparkles className="size-5" aria-hidden />
                  </span>
                  <span className="grid gap-0.5">
                    <span className="font-medium">Any available therapist</span>
                    <span className="text-muted-foreground text-sm">The most free times</span>
                  </span>
                </ChoiceCard>
              ) : null}
              {therapistList.map((t) => (
                <ChoiceCard
                  key={t.id}
                  name="therapist"
                  value={t.id}
                  checked={therapistChoice === t.id}
                  onChange={(value) => {
                    setTherapistChoice(value);
                    setServiceChoice(STANDARD);
                    setSlot(undefined);
                    reveal(timeRef);
                  }}
                >
                  <span className="bg-secondary flex size-10 shrink-0 items-center justify-center rounded-full text-sm font-semibold">
                    {initials(t.name)}
                  </span>
                  <span className="grid min-w-0 gap-0.5">
                    <span className="flex flex-wrap items-center gap-2 font-medium">
                      {t.name}
                      <Badge variant="secondary">{t.sessionMinutes} min</Badge>
                    </span>
                    {t.bio ? (
                      <span className="text-muted-foreground line-clamp-2 text-sm">{t.bio}</span>
                    ) : null}
                  </span>
                </ChoiceCard>
              ))}
            </div>
          )}
        </section>
      ) : null}

      {branch && therapistChoice ? (
        <section aria-labelledby="step-time" ref={timeRef} className="scroll-mt-20">
          <StepHeading step={3} id="step-time" done={Boolean(slot)}>
            Pick a time
          </StepHeading>
          {serviceList.length > 0 ? (
            <div role="radiogroup" aria-label="Service" className="mb-4 grid gap-3 sm:grid-cols-2">
              {[
                {
                  id: STANDARD,
                  name: 'Standard session',
                  detail: `${therapistList.find((t) => t.id === chosenTherapist)?.sessionMinutes ?? 60} min`,
                },
                ...serviceList.map((s) => ({
                  id: s.id,
                  name: s.name,
                  detail: `${s.durationMinutes} min · ${formatMoney(s.priceCents, s.currency)}`,
                })),
              ].map((option) => (
                <ChoiceCard
                  key={option.id}
                  name="service"
                  value={option.id}
                  checked={(service?.id ?? STANDARD) === option.id}
                  onChange={(value) => {
                    setServiceChoice(value);
                    setSlot(undefined);
                  }}
                >
                  <span className="grid gap-0.5">
                    <span className="font-medium">{option.name}</span>
                    <span className="text-muted-foreground text-sm">{option.detail}</span>
                  </span>
                </ChoiceCard>
              ))}
            </div>
          ) : null}
          <SlotPicker
            days={days}
            timeZone={timeZone}
            slots={slots.slots}
            pending={slots.pending}
            error={slots.error}
            onRetry={() => void slots.refetch()}
            day={day}
            onDayChange={(d) => {
              setDay(d);
              setSlot(undefined);
            }}
            selected={slot?.key}
            onSelect={setSlot}
          />
        </section>
      ) : null}

      {slot && branch ? (
        <div className="fixed inset-x-0 bottom-[calc(4.25rem+env(safe-area-inset-bottom))] z-30 px-4 md:bottom-4">
          <div className="bg-card mx-auto flex max-w-3xl items-center justify-between gap-3 rounded-2xl border p-3 pl-4 shadow-lg">
            <div className="min-w-0 text-sm">
              <p className="truncate font-semibold">
                {formatLongDay(slot.startsAt, timeZone)}, {formatTime(slot.startsAt, timeZone)}
              </p>
              <p className="text-muted-foreground truncate">
                {slotTherapist?.name ?? 'Therapist'} · {branch.name}
              </p>
            </div>
            <Button size="lg" onClick={() => setConfirming(true)}>
              Continue
            </Button>
          </div>
        </div>
      ) : null}

      <Dialog open={confirming} onOpenChange={(open) => !create.isPending && setConfirming(open)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Confirm your booking</DialogTitle>
            <DialogDescription>
              {client ? `Booking for ${client.name}.` : 'Check the details, then confirm.'}
            </DialogDescription>
          </DialogHeader>
          {slot && branch ? (
            <dl className="bg-muted/60 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg p-4 text-sm">
              <dt className="text-muted-foreground">When</dt>
              <dd className="font-medium">
                {formatLongDay(slot.startsAt, timeZone)}, {formatTime(slot.startsAt, timeZone)}–
                {formatTime(slot.endsAt, timeZone)}
              </dd>
              {service ? (
                <>
                  <dt className="text-muted-foreground">Service</dt>
                  <dd className="font-medium">{service.name}</dd>
                </>
              ) : null}
              <dt className="text-muted-foreground">With</dt>
              <dd className="font-medium">{slotTherapist?.name}</dd>
              <dt className="text-muted-foreground">Where</dt>
              <dd className="font-medium">
                {branch.name}
                {branch.address ? (
                  <span className="text-muted-foreground block font-normal">{branch.address}</span>
                ) : null}
              </dd>
              <dt className="text-muted-foreground">Pays with</dt>
              <dd className="font-medium">
                {spendFrom
                  ? `1 session of ${spendFrom.packageName} (${credits} left)`
                  : 'No sessions left'}
              </dd>
            </dl>
          ) : null}
          {create.isError &&
          (create.error.data?.code !== 'CONFLICT' || isClinicUpgrading(create.error)) ? (
            <Alert variant="destructive">
              <CircleAlert />
              <AlertDescription>{errorMessage(create.error)}</AlertDescription>
            </Alert>
          ) : null}
          <DialogFooter>
            <Button
              variant="outline"
              onClick={() => setConfirming(false)}
              disabled={create.isPending}
            >
              Back
            </Button>
            <Button
              loading={create.isPending}
              onClick={() =>
                slot &&
                slotTherapistId &&
                effectiveBranchId &&
                create.mutate({
                  therapistId: slotTherapistId,
                  branchId: effectiveBranchId,
                  startsAt: slot.startsAt,
                  ...(client ? { clientId: client.id } : {}),
                  ...(service ? { serviceId: service.id } : {}),
                })
              }
            >
              Confirm booking
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
