-- Fair share: how many API calls per second a clinic's portal serves before answering 429, so one
-- clinic cannot starve the others. NULL means the deployment's default (CLINIC_REQUEST_RATE);
-- operators raise or lower it per clinic, and the next request reads it with the registry row.
ALTER TABLE "clinics" ADD COLUMN "request_rate_per_second" INTEGER;

ALTER TABLE "clinics"
    ADD CONSTRAINT "clinics_request_rate_positive"
    CHECK ("request_rate_per_second" IS NULL OR "request_rate_per_second" BETWEEN 1 AND 100000);
