-- Patients' rights: a versioned privacy notice per clinic, the consent each person gave to a
-- version, erasure requests staff decide on, and the mark an erased (pseudonymised) user keeps.

CREATE TYPE "ErasureStatus" AS ENUM ('pending', 'approved', 'refused');

-- One row per published version; versions are never edited, a change publishes the next one.
-- `retention_months` is how long the clinic must keep clinical and billing records after a
-- person asks to be forgotten (their figures stay, without their identity).
CREATE TABLE "privacy_notices" (
    "clinic_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "retention_months" INTEGER NOT NULL DEFAULT 60,
    "published_by" UUID,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "privacy_notices_pkey" PRIMARY KEY ("clinic_id", "version"),
    CONSTRAINT "privacy_notices_version" CHECK ("version" > 0),
    CONSTRAINT "privacy_notices_body" CHECK (length("body") BETWEEN 1 AND 20000),
    CONSTRAINT "privacy_notices_retention" CHECK ("retention_months" BETWEEN 0 AND 1200)
);

CREATE TABLE "privacy_consents" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "notice_version" INTEGER NOT NULL,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "privacy_consents_pkey" PRIMARY KEY ("clinic_id", "id")
);
CREATE UNIQUE INDEX "privacy_consents_clinic_id_user_id_notice_version_key"
    ON "privacy_consents"("clinic_id", "user_id", "notice_version");
ALTER TABLE "privacy_consents"
    ADD CONSTRAINT "privacy_consents_clinic_id_user_id_fkey" FOREIGN KEY ("clinic_id", "user_id")
        REFERENCES "users"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    ADD CONSTRAINT "privacy_consents_clinic_id_notice_version_fkey" FOREIGN KEY ("clinic_id", "notice_version")
        REFERENCES "privacy_notices"("clinic_id", "version") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "erasure_requests" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "ErasureStatus" NOT NULL DEFAULT 'pending',
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by" UUID,
    "answer" VARCHAR(2000),

    CONSTRAINT "erasure_requests_pkey" PRIMARY KEY ("clinic_id", "id")
);
CREATE INDEX "erasure_requests_clinic_id_status_requested_at_idx"
    ON "erasure_requests"("clinic_id", "status", "requested_at");
-- One open request per person.
CREATE UNIQUE INDEX "erasure_requests_one_pending" ON "erasure_requests"("clinic_id", "user_id")
    WHERE "status" = 'pending';
ALTER TABLE "erasure_requests"
    ADD CONSTRAINT "erasure_requests_clinic_id_user_id_fkey" FOREIGN KEY ("clinic_id", "user_id")
        REFERENCES "users"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Set when a person was erased: their row stays (bookings and payments point at it) with
-- placeholder details, no password and no way in.
ALTER TABLE "users" ADD COLUMN "erased_at" TIMESTAMPTZ(3);

DO $$
DECLARE
    tenant_table TEXT;
    bound_clinic CONSTANT TEXT := '(clinic_id = (SELECT nullif(current_setting(''app.current_tenant'', true), '''')::uuid))';
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['privacy_notices', 'privacy_consents', 'erasure_requests'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I AS RESTRICTIVE FOR ALL USING %s WITH CHECK %s',
            tenant_table, bound_clinic, bound_clinic);
        EXECUTE format('CREATE POLICY tenant_access ON %I AS PERMISSIVE FOR ALL USING %s WITH CHECK %s',
            tenant_table, bound_clinic, bound_clinic);
    END LOOP;
END
$$;

-- Notices and consents are records: written once, never changed by the app.
GRANT SELECT, INSERT ON "privacy_notices", "privacy_consents" TO eventora_app;
GRANT SELECT, INSERT, UPDATE ON "erasure_requests" TO eventora_app;
