-- API calls and failed calls per clinic per UTC day, for the console's health charts. The API
-- counts in memory and adds its counts here in batches (one upsert per flush), as the platform
-- role: nothing of it runs on the tenant tables' RLS path. Control plane, so the clinic is named
-- by `target_clinic_id`, not `clinic_id` (which would make it a tenant table).

-- CreateTable
CREATE TABLE "api_request_stats" (
    "day" DATE NOT NULL,
    "target_clinic_id" UUID NOT NULL,
    "procedure_kind" VARCHAR(16) NOT NULL,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "server_errors" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "api_request_stats_pkey" PRIMARY KEY ("day","target_clinic_id","procedure_kind")
);

-- CreateIndex
CREATE INDEX "api_request_stats_target_clinic_id_day_idx" ON "api_request_stats"("target_clinic_id", "day");

ALTER TABLE "api_request_stats"
    ADD CONSTRAINT "api_request_stats_counts"
    CHECK ("requests" >= 0 AND "errors" >= 0 AND "server_errors" >= 0 AND "errors" <= "requests" AND "server_errors" <= "errors");

-- Both apps record through their platform client; nobody deletes history from the app.
GRANT SELECT, INSERT, UPDATE ON "api_request_stats" TO eventora_platform;
