-- Recurring bookings and the waitlist (issue 19, items 2 and 3).
--
-- * reservation_series: a weekly (or every N weeks) run of bookings made together; each of its
--   reservations points at it (reservations.series_id), so "this and all following" can be
--   cancelled together. The reservations stay ordinary reservations: the same exclusion
--   constraint keeps a therapist from being double-booked by any of them.
-- * waitlist_entries: a client waiting for a full day at a branch (with one therapist, or any).
--   A freed slot is offered to the first waiting entry (FIFO), held for the clinic's
--   waitlist_hold_minutes, then offered to the next.
--
-- Like every migration it runs unchanged against every target (shared database, clinic
-- schemas, clinic databases): nothing below names a schema except the registry function,
-- which always edits the registry in `public`.

-- CreateEnum
CREATE TYPE "WaitlistStatus" AS ENUM ('waiting', 'offered', 'booked', 'left', 'expired');

-- AlterTable: the registry's clinic rules (owners edit it through update_clinic_waitlist_hold)
ALTER TABLE "clinics"
    ADD COLUMN "waitlist_hold_minutes" SMALLINT NOT NULL DEFAULT 30,
    ADD CONSTRAINT "clinics_waitlist_hold_minutes" CHECK ("waitlist_hold_minutes" BETWEEN 5 AND 1440);

-- CreateTable
CREATE TABLE "reservation_series" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,
    "service_id" UUID,
    "every_weeks" SMALLINT NOT NULL,
    "occurrences" SMALLINT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reservation_series_pkey" PRIMARY KEY ("clinic_id","id"),
    CONSTRAINT "reservation_series_every_weeks" CHECK ("every_weeks" BETWEEN 1 AND 4),
    CONSTRAINT "reservation_series_occurrences" CHECK ("occurrences" BETWEEN 2 AND 26)
);

-- AlterTable
ALTER TABLE "reservations" ADD COLUMN "series_id" UUID;

-- CreateTable
CREATE TABLE "waitlist_entries" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,
    -- Null: any therapist at the branch.
    "therapist_id" UUID,
    "service_id" UUID,
    -- The day wanted, on the branch's calendar.
    "day" DATE NOT NULL,
    "status" "WaitlistStatus" NOT NULL DEFAULT 'waiting',
    -- The slot offered (kept after the offer ends, for the record).
    "offer_therapist_id" UUID,
    "offer_service_id" UUID,
    "offer_starts_at" TIMESTAMPTZ(3),
    "offer_ends_at" TIMESTAMPTZ(3),
    "offer_expires_at" TIMESTAMPTZ(3),
    "reservation_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "waitlist_entries_pkey" PRIMARY KEY ("clinic_id","id"),
    CONSTRAINT "waitlist_entries_offer" CHECK ("status" <> 'offered' OR (
        "offer_therapist_id" IS NOT NULL AND "offer_starts_at" IS NOT NULL
        AND "offer_ends_at" IS NOT NULL AND "offer_expires_at" IS NOT NULL)),
    CONSTRAINT "waitlist_entries_booked" CHECK ("status" <> 'booked' OR "reservation_id" IS NOT NULL)
);

-- CreateIndex
CREATE INDEX "reservation_series_clinic_id_client_id_idx" ON "reservation_series"("clinic_id", "client_id");
CREATE INDEX "reservations_clinic_id_series_id_starts_at_idx" ON "reservations"("clinic_id", "series_id", "starts_at");
CREATE INDEX "waitlist_entries_clinic_id_branch_id_day_created_at_idx" ON "waitlist_entries"("clinic_id", "branch_id", "day", "created_at");
CREATE INDEX "waitlist_entries_clinic_id_client_id_day_idx" ON "waitlist_entries"("clinic_id", "client_id", "day");
CREATE INDEX "waitlist_entries_clinic_id_status_offer_expires_at_idx" ON "waitlist_entries"("clinic_id", "status", "offer_expires_at");
-- One open entry per client, branch, day and therapist (any therapist counts as one choice).
CREATE UNIQUE INDEX "waitlist_entries_open_key" ON "waitlist_entries"("clinic_id", "client_id", "branch_id", "day", "therapist_id")
    NULLS NOT DISTINCT WHERE "status" IN ('waiting', 'offered');

-- AddForeignKey
ALTER TABLE "reservation_series" ADD CONSTRAINT "reservation_series_clinic_id_client_id_fkey" FOREIGN KEY ("clinic_id", "client_id") REFERENCES "users"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "reservation_series" ADD CONSTRAINT "reservation_series_clinic_id_therapist_id_fkey" FOREIGN KEY ("clinic_id", "therapist_id") REFERENCES "therapists"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "reservation_series" ADD CONSTRAINT "reservation_series_clinic_id_branch_id_fkey" FOREIGN KEY ("clinic_id", "branch_id") REFERENCES "branches"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "reservation_series" ADD CONSTRAINT "reservation_series_clinic_id_service_id_fkey" FOREIGN KEY ("clinic_id", "service_id") REFERENCES "services"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "reservation_series" ADD CONSTRAINT "reservation_series_clinic_id_created_by_fkey" FOREIGN KEY ("clinic_id", "created_by") REFERENCES "users"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_clinic_id_series_id_fkey" FOREIGN KEY ("clinic_id", "series_id") REFERENCES "reservation_series"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_client_id_fkey" FOREIGN KEY ("clinic_id", "client_id") REFERENCES "users"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_branch_id_fkey" FOREIGN KEY ("clinic_id", "branch_id") REFERENCES "branches"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_therapist_id_fkey" FOREIGN KEY ("clinic_id", "therapist_id") REFERENCES "therapists"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_service_id_fkey" FOREIGN KEY ("clinic_id", "service_id") REFERENCES "services"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_offer_therapist_id_fkey" FOREIGN KEY ("clinic_id", "offer_therapist_id") REFERENCES "therapists"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_reservation_id_fkey" FOREIGN KEY ("clinic_id", "reservation_id") REFERENCES "reservations"("clinic_id", "id") ON DELETE SET NULL ("reservation_id") ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Row level security on the new tenant tables: the same two policies as the first migration
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE
    tenant_table TEXT;
    bound_clinic CONSTANT TEXT := '(clinic_id = (SELECT nullif(current_setting(''app.current_tenant'', true), '''')::uuid))';
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['reservation_series', 'waitlist_entries'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
        -- The wall: ANDed with every other policy, present or future.
        EXECUTE format('CREATE POLICY tenant_isolation ON %I AS RESTRICTIVE FOR ALL USING %s WITH CHECK %s',
            tenant_table, bound_clinic, bound_clinic);
        -- Restrictive policies alone grant nothing; this one opens the bound clinic's rows.
        EXECUTE format('CREATE POLICY tenant_access ON %I AS PERMISSIVE FOR ALL USING %s WITH CHECK %s',
            tenant_table, bound_clinic, bound_clinic);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Grants: a series is written once (its reservations change, not it); waitlist entries move
-- through their states and are never deleted by the portal (a client leaving is a state).
-- ---------------------------------------------------------------------------------------------

GRANT SELECT, INSERT ON "reservation_series" TO eventora_app;
GRANT SELECT, INSERT, UPDATE ON "waitlist_entries" TO eventora_app;

-- ---------------------------------------------------------------------------------------------
-- Owners set how long a waitlist offer is held. The runtime role may not UPDATE the registry;
-- like update_clinic_settings, this changes one column of the clinic bound to the calling
-- transaction, and nothing else.
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION "update_clinic_waitlist_hold"(p_minutes SMALLINT) RETURNS INTEGER
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bound UUID := nullif(current_setting('app.current_tenant', true), '')::uuid;
    changed INTEGER;
BEGIN
    IF bound IS NULL THEN
        RAISE EXCEPTION 'no clinic is bound' USING ERRCODE = '42501';
    END IF;
    UPDATE public.clinics SET waitlist_hold_minutes = p_minutes, updated_at = now() WHERE id = bound;
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END
$$;

REVOKE ALL ON FUNCTION "update_clinic_waitlist_hold"(SMALLINT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "update_clinic_waitlist_hold"(SMALLINT) TO eventora_app;

-- ---------------------------------------------------------------------------------------------
-- The queue of the "waitlist" fleet schedule (clinic.waitlist; QUEUES in
-- packages/jobs/src/queue/queues.ts): expired offers pass to the next waiting client. Short
-- jobs, every few minutes: a job of a dead worker is retried after five minutes.
-- create_queue does nothing for a queue that exists.
-- ---------------------------------------------------------------------------------------------

SELECT pg_advisory_xact_lock(hashtextextended('eventora.job-queue-install:' || current_database(), 0));

SELECT pgboss.create_queue('clinic.waitlist',
    '{"policy":"standard","retryLimit":3,"retryDelay":60,"retryBackoff":true,"expireInSeconds":300,"retentionMinutes":1440}'::json);
