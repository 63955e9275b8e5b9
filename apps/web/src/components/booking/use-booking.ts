'use client';

import { isClinicUpgrading } from '@eventora/ui/error-message';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';

import { addDaysToKey, dayKeyOf, startOfDayKey, type DayKey } from '~/lib/time';
import { useTRPC } from '~/trpc/react';
import { useSlots, type MergedSlot } from './use-slots';

const DAYS_AHEAD = 14;
/** The therapist choice "any available therapist". */
export const ANY = 'any';
/** The service choice "the therapist's standard session". */
export const STANDARD = 'standard';

/** What the confirmation card shows after booking. */
export interface Booked {
  at: Date;
  timeZone: string;
  therapist: string;
  branch: string;
}

/**
 * The booking flow's data and choices: branch → therapist (or any) → service → day → slot →
 * confirm. Each choice clears the ones after it; free slots come from
 * `therapist.availability`, on the branch's clock.
 */
export function useBooking(client: { id: string } | undefined) {
  const t = useTranslations('booking');
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
  const [booked, setBooked] = useState<Booked>();

  const branchList = branches.data ?? [];
  // One branch needs no choosing.
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
  // The server spends the package that expires first; the confirmation says which.
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
        toast.success(t('booked'));
        void queryClient.invalidateQueries({ queryKey: trpc.therapist.availability.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.reservation.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.wallet.list.pathKey() });
      },
      onError: (error) => {
        // A freeze (the clinic is moving) is a CONFLICT too, but the slot is still free.
        if (error.data?.code === 'CONFLICT' && !isClinicUpgrading(error)) {
          toast.error(t('slotTaken'));
          setConfirming(false);
          setSlot(undefined);
          void slots.refetch();
        }
      },
    }),
  );
  // A taken slot is told by toast and the picker; anything else shows in the dialog.
  const confirmError =
    create.isError && (create.error.data?.code !== 'CONFLICT' || isClinicUpgrading(create.error))
      ? create.error
      : undefined;

  return {
    /** A client booking for themselves (not staff for a client). */
    forSelf: !client,
    /** Staff booking for this client. */
    clientId: client?.id,
    branches,
    branchList,
    branch,
    therapists,
    therapistList,
    therapistChoice,
    chosenTherapist,
    serviceList,
    service,
    days,
    day,
    timeZone,
    slots,
    slot,
    slotTherapist,
    wallet,
    credits,
    spendFrom,
    confirming,
    setConfirming: (open: boolean) => !create.isPending && setConfirming(open),
    booking: create.isPending,
    confirmError,
    booked,
    chooseBranch: (id: string) => {
      setBranchId(id);
      setTherapistChoice(undefined);
      setSlot(undefined);
      setDay(undefined);
    },
    chooseTherapist: (value: string) => {
      setTherapistChoice(value);
      setServiceChoice(STANDARD);
      setSlot(undefined);
    },
    chooseService: (value: string) => {
      setServiceChoice(value);
      setSlot(undefined);
    },
    chooseDay: (value: DayKey) => {
      setDay(value);
      setSlot(undefined);
    },
    chooseSlot: setSlot,
    confirm: () => {
      if (!slot || !slotTherapistId || !effectiveBranchId) return;
      create.mutate({
        therapistId: slotTherapistId,
        branchId: effectiveBranchId,
        startsAt: slot.startsAt,
        ...(client ? { clientId: client.id } : {}),
        ...(service ? { serviceId: service.id } : {}),
      });
    },
    bookAnother: () => setBooked(undefined),
  };
}

/** Everything the booking flow's steps read. */
export type Booking = ReturnType<typeof useBooking>;
