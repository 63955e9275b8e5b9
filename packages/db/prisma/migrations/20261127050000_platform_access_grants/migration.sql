-- Break-glass access: an operator's time-limited, read-only look into one clinic's data, for a
-- stated reason. Control plane, not tenant data: the clinic is named by `target_clinic_id`
-- (a `clinic_id` column would make it a tenant table to the RLS lint and the tenancy client).
-- Every read made under a grant is written to that clinic's own audit log by asPlatform.
--
-- Like every migration it runs unchanged against every target; in a clinic schema or database
-- the table stays empty.

-- CreateTable
CREATE TABLE "platform_access_grants" (
    "id" UUID NOT NULL,
    "operator_id" UUID NOT NULL,
    "target_clinic_id" UUID NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_access_grants_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "platform_access_grants_operator_id_expires_at_idx" ON "platform_access_grants"("operator_id", "expires_at");

-- CreateIndex
CREATE INDEX "platform_access_grants_target_clinic_id_created_at_idx" ON "platform_access_grants"("target_clinic_id", "created_at");

-- A grant never outlives the longest access asPlatform allows (MAX_PLATFORM_ACCESS_MINUTES).
ALTER TABLE "platform_access_grants"
    ADD CONSTRAINT "platform_access_grants_duration"
    CHECK ("expires_at" > "created_at" AND "expires_at" <= "created_at" + interval '60 minutes');

-- The console opens grants and closes them early; it can neither delete one nor move its
-- expiry or reason afterwards.
GRANT SELECT, INSERT ON "platform_access_grants" TO eventora_platform;
GRANT UPDATE ("closed_at") ON "platform_access_grants" TO eventora_platform;
