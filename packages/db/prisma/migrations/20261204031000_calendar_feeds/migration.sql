-- A private calendar (ICS) feed of one person's bookings at one clinic. The token is shown once
-- and only its SHA-256 is stored; revoking sets revoked_at and the feed answers 404 at once.
CREATE TABLE "calendar_feeds" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("clinic_id","id")
);

CREATE UNIQUE INDEX "calendar_feeds_clinic_id_token_hash_key" ON "calendar_feeds"("clinic_id", "token_hash");
CREATE INDEX "calendar_feeds_clinic_id_user_id_idx" ON "calendar_feeds"("clinic_id", "user_id");

ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_clinic_id_user_id_fkey" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "calendar_feeds" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "calendar_feeds" FORCE ROW LEVEL SECURITY;
-- The wall: ANDed with every other policy, present or future.
CREATE POLICY tenant_isolation ON "calendar_feeds" AS RESTRICTIVE FOR ALL
    USING (clinic_id = (SELECT nullif(current_setting('app.current_tenant', true), '')::uuid))
    WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.current_tenant', true), '')::uuid));
-- Restrictive policies alone grant nothing; this one opens the bound clinic's rows.
CREATE POLICY tenant_access ON "calendar_feeds" AS PERMISSIVE FOR ALL
    USING (clinic_id = (SELECT nullif(current_setting('app.current_tenant', true), '')::uuid))
    WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.current_tenant', true), '')::uuid));

-- The portal creates and revokes feeds (never edits a token) and deletes them with an erasure.
GRANT SELECT, INSERT, DELETE ON "calendar_feeds" TO eventora_app;
GRANT UPDATE ("revoked_at") ON "calendar_feeds" TO eventora_app;
