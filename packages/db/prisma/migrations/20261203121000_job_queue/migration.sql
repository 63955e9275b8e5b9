-- The job queue (@eventora/jobs) and what the fleet's scheduled work records. Control plane:
-- the queue lives in the shared database, next to the registry; no tenant row is in it.
--
-- The queue is pg-boss 10 (schema version 24). Its tables are installed here, by the owner,
-- exactly as pg-boss's own installer writes them (PgBoss.getConstructionPlans('pgboss')), so
-- that the worker and the console connect as eventora_platform, which creates nothing: pg-boss
-- starts with `migrate: false` and checks this version. A pg-boss upgrade is a new migration
-- (PgBoss.getMigrationPlans). Every queue is created here too: creating one runs DDL (each
-- queue is a partition), which the runtime roles may not do.
--
-- Like every migration it runs against every target. The shared database installs the queue
-- once; a clinic schema in the same database finds it installed; a clinic's own database gets
-- an empty copy that nothing connects to.

SELECT pg_advisory_xact_lock(hashtextextended('eventora.job-queue-install:' || current_database(), 0));

DO $install$
BEGIN
    IF to_regclass('pgboss.version') IS NULL THEN
        EXECUTE $pgboss$
            CREATE SCHEMA IF NOT EXISTS pgboss
              ;

            CREATE TYPE pgboss.job_state AS ENUM (
              'created',
              'retry',
              'active',
              'completed',
              'cancelled',
              'failed'
            )
              ;

            CREATE TABLE pgboss.version (
              version int primary key,
              maintained_on timestamp with time zone,
              cron_on timestamp with time zone,
              monitored_on timestamp with time zone
            )
              ;

            CREATE TABLE pgboss.queue (
              name text,
              policy text,
              retry_limit int,
              retry_delay int,
              retry_backoff bool,
              expire_seconds int,
              retention_minutes int,
              dead_letter text REFERENCES pgboss.queue (name),
              partition_name text,
              created_on timestamp with time zone not null default now(),
              updated_on timestamp with time zone not null default now(),
              PRIMARY KEY (name)
            )
              ;

            CREATE TABLE pgboss.schedule (
              name text REFERENCES pgboss.queue ON DELETE CASCADE,
              cron text not null,
              timezone text,
              data jsonb,
              options jsonb,
              created_on timestamp with time zone not null default now(),
              updated_on timestamp with time zone not null default now(),
              PRIMARY KEY (name)
            )
              ;

            CREATE TABLE pgboss.subscription (
              event text not null,
              name text not null REFERENCES pgboss.queue ON DELETE CASCADE,
              created_on timestamp with time zone not null default now(),
              updated_on timestamp with time zone not null default now(),
              PRIMARY KEY(event, name)
            )
              ;

            CREATE TABLE pgboss.job (
              id uuid not null default gen_random_uuid(),
              name text not null,
              priority integer not null default(0),
              data jsonb,
              state pgboss.job_state not null default('created'),
              retry_limit integer not null default(2),
              retry_count integer not null default(0),
              retry_delay integer not null default(0),
              retry_backoff boolean not null default false,
              start_after timestamp with time zone not null default now(),
              started_on timestamp with time zone,
              singleton_key text,
              singleton_on timestamp without time zone,
              expire_in interval not null default interval '15 minutes',
              created_on timestamp with time zone not null default now(),
              completed_on timestamp with time zone,
              keep_until timestamp with time zone NOT NULL default now() + interval '14 days',
              output jsonb,
              dead_letter text,
              policy text
            ) PARTITION BY LIST (name)
              ;
            ALTER TABLE pgboss.job ADD PRIMARY KEY (name, id);
            CREATE TABLE pgboss.archive (LIKE pgboss.job);
            ALTER TABLE pgboss.archive ADD PRIMARY KEY (name, id);
            ALTER TABLE pgboss.archive ADD archived_on timestamptz NOT NULL DEFAULT now();
            CREATE INDEX archive_i1 ON pgboss.archive(archived_on);

            CREATE FUNCTION pgboss.create_queue(queue_name text, options json)
            RETURNS VOID AS
            $$
            DECLARE
              table_name varchar := 'j' || encode(sha224(queue_name::bytea), 'hex');
              queue_created_on timestamptz;
            BEGIN

              WITH q as (
              INSERT INTO pgboss.queue (
                name,
                policy,
                retry_limit,
                retry_delay,
                retry_backoff,
                expire_seconds,
                retention_minutes,
                dead_letter,
                partition_name
              )
              VALUES (
                queue_name,
                options->>'policy',
                (options->>'retryLimit')::int,
                (options->>'retryDelay')::int,
                (options->>'retryBackoff')::bool,
                (options->>'expireInSeconds')::int,
                (options->>'retentionMinutes')::int,
                options->>'deadLetter',
                table_name
              )
              ON CONFLICT DO NOTHING
              RETURNING created_on
              )
              SELECT created_on into queue_created_on from q;

              IF queue_created_on IS NULL THEN
                RETURN;
              END IF;

              EXECUTE format('CREATE TABLE pgboss.%I (LIKE pgboss.job INCLUDING DEFAULTS)', table_name);

              EXECUTE format('ALTER TABLE pgboss.%1$I ADD PRIMARY KEY (name, id)', table_name);
              EXECUTE format('ALTER TABLE pgboss.%1$I ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', table_name);
              EXECUTE format('ALTER TABLE pgboss.%1$I ADD CONSTRAINT dlq_fkey FOREIGN KEY (dead_letter) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', table_name);
              EXECUTE format('CREATE UNIQUE INDEX %1$s_i1 ON pgboss.%1$I (name, COALESCE(singleton_key, '''')) WHERE state = ''created'' AND policy = ''short''', table_name);
              EXECUTE format('CREATE UNIQUE INDEX %1$s_i2 ON pgboss.%1$I (name, COALESCE(singleton_key, '''')) WHERE state = ''active'' AND policy = ''singleton''', table_name);
              EXECUTE format('CREATE UNIQUE INDEX %1$s_i3 ON pgboss.%1$I (name, state, COALESCE(singleton_key, '''')) WHERE state <= ''active'' AND policy = ''stately''', table_name);
              EXECUTE format('CREATE UNIQUE INDEX %1$s_i4 ON pgboss.%1$I (name, singleton_on, COALESCE(singleton_key, '''')) WHERE state <> ''cancelled'' AND singleton_on IS NOT NULL', table_name);
              EXECUTE format('CREATE INDEX %1$s_i5 ON pgboss.%1$I (name, start_after) INCLUDE (priority, created_on, id) WHERE state < ''active''', table_name);

              EXECUTE format('ALTER TABLE pgboss.%I ADD CONSTRAINT cjc CHECK (name=%L)', table_name, queue_name);
              EXECUTE format('ALTER TABLE pgboss.job ATTACH PARTITION pgboss.%I FOR VALUES IN (%L)', table_name, queue_name);
            END;
            $$
            LANGUAGE plpgsql;
              ;

            CREATE FUNCTION pgboss.delete_queue(queue_name text)
            RETURNS VOID AS
            $$
            DECLARE
              table_name varchar;
            BEGIN
              WITH deleted as (
                DELETE FROM pgboss.queue
                WHERE name = queue_name
                RETURNING partition_name
              )
              SELECT partition_name from deleted INTO table_name;

              EXECUTE format('DROP TABLE IF EXISTS pgboss.%I', table_name);
            END;
            $$
            LANGUAGE plpgsql;
              ;
            INSERT INTO pgboss.version(version) VALUES ('24');
        $pgboss$;
    END IF;
END
$install$;

-- ---------------------------------------------------------------------------------------------
-- Queues (QUEUES in packages/jobs/src/queue/queues.ts; a test keeps the two lists equal).
-- Retries back off exponentially from retryDelay; a job still active after expireInSeconds
-- (its worker died) is failed by maintenance and retried.
-- ---------------------------------------------------------------------------------------------

SELECT pgboss.create_queue(queue.name, queue.options::json)
  FROM (VALUES
    ('mail.deliver',            '{"policy":"standard","retryLimit":5,"retryDelay":30,"retryBackoff":true,"expireInSeconds":300,"retentionMinutes":10080}'),
    ('fleet.run',               '{"policy":"standard","retryLimit":2,"retryDelay":60,"retryBackoff":true,"expireInSeconds":900,"retentionMinutes":1440}'),
    ('clinic.reminders',        '{"policy":"standard","retryLimit":3,"retryDelay":60,"retryBackoff":true,"expireInSeconds":600,"retentionMinutes":10080}'),
    ('clinic.cleanup',          '{"policy":"standard","retryLimit":3,"retryDelay":60,"retryBackoff":true,"expireInSeconds":600,"retentionMinutes":10080}'),
    ('clinic.complete-bookings','{"policy":"standard","retryLimit":3,"retryDelay":60,"retryBackoff":true,"expireInSeconds":600,"retentionMinutes":10080}'),
    ('clinic.package-expiry',   '{"policy":"standard","retryLimit":3,"retryDelay":60,"retryBackoff":true,"expireInSeconds":600,"retentionMinutes":10080}'),
    ('clinic.usage-rollup',     '{"policy":"standard","retryLimit":3,"retryDelay":60,"retryBackoff":true,"expireInSeconds":600,"retentionMinutes":10080}'),
    ('bench.noop',              '{"policy":"standard","retryLimit":0,"expireInSeconds":60,"retentionMinutes":60}')
  ) AS queue (name, options);

-- The worker and the console (eventora_platform) send, fetch, complete, retry and count jobs;
-- pg-boss's maintenance (expire, archive, delete) runs as the same role. It creates nothing.
GRANT USAGE ON SCHEMA pgboss TO eventora_platform;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO eventora_platform;
-- Queues added by later migrations are partitions the owner creates: same grants.
ALTER DEFAULT PRIVILEGES FOR ROLE eventora_owner IN SCHEMA pgboss
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO eventora_platform;
REVOKE EXECUTE ON FUNCTION pgboss.create_queue(text, json), pgboss.delete_queue(text) FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------
-- Per-clinic settings of the scheduled work, and the language messages are written in
-- ---------------------------------------------------------------------------------------------

ALTER TABLE "clinics"
    ADD COLUMN "reminder_hours_before" SMALLINT NOT NULL DEFAULT 24,
    ADD COLUMN "completion_grace_hours" SMALLINT NOT NULL DEFAULT 24,
    ADD COLUMN "locale" VARCHAR(5) NOT NULL DEFAULT 'en',
    ADD COLUMN "mail_reply_to" VARCHAR(320),
    ADD CONSTRAINT "clinics_reminder_hours_before" CHECK ("reminder_hours_before" BETWEEN 1 AND 168),
    ADD CONSTRAINT "clinics_completion_grace_hours" CHECK ("completion_grace_hours" BETWEEN 0 AND 168),
    ADD CONSTRAINT "clinics_locale" CHECK ("locale" IN ('en', 'es'));

-- A person's own language for the mail they get; the clinic's when unset.
ALTER TABLE "users"
    ADD COLUMN "locale" VARCHAR(5),
    ADD CONSTRAINT "users_locale" CHECK ("locale" IN ('en', 'es'));

-- Reminders stop with one click: the unsubscribe link sets this.
ALTER TABLE "users" ADD COLUMN "reminders_opted_out_at" TIMESTAMPTZ(3);

-- ---------------------------------------------------------------------------------------------
-- The fleet's scheduled work: one record per run of a schedule, counted per clinic
-- ---------------------------------------------------------------------------------------------

-- CreateTable
CREATE TABLE "job_schedule_runs" (
    "id" UUID NOT NULL,
    "schedule" VARCHAR(64) NOT NULL,
    -- The schedule's time slot this run is for: one run per slot, however many workers tick.
    "slot" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enqueued_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "clinics" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" VARCHAR(500),

    CONSTRAINT "job_schedule_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "job_schedule_runs_schedule_slot_key" ON "job_schedule_runs"("schedule", "slot");

ALTER TABLE "job_schedule_runs"
    ADD CONSTRAINT "job_schedule_runs_counts"
    CHECK ("clinics" >= 0 AND "skipped" >= 0 AND "succeeded" >= 0 AND "failed" >= 0);

-- A clinic's day in figures, written by the daily usage rollup so the console's health views
-- read one row per clinic and day instead of counting live. Control plane (`target_clinic_id`):
-- counts only, no patient data.

-- CreateTable
CREATE TABLE "clinic_usage_daily" (
    "day" DATE NOT NULL,
    "target_clinic_id" UUID NOT NULL,
    "reservations" INTEGER NOT NULL DEFAULT 0,
    "sign_ins" INTEGER NOT NULL DEFAULT 0,
    "api_requests" BIGINT NOT NULL DEFAULT 0,
    "api_errors" BIGINT NOT NULL DEFAULT 0,
    "users" INTEGER NOT NULL DEFAULT 0,
    "clients" INTEGER NOT NULL DEFAULT 0,
    "approximate_bytes" BIGINT NOT NULL DEFAULT 0,
    "tables" JSONB NOT NULL DEFAULT '[]',
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clinic_usage_daily_pkey" PRIMARY KEY ("day","target_clinic_id")
);

-- CreateIndex
CREATE INDEX "clinic_usage_daily_target_clinic_id_day_idx" ON "clinic_usage_daily"("target_clinic_id", "day");

GRANT SELECT, INSERT, UPDATE ON "job_schedule_runs" TO eventora_platform;
GRANT SELECT, INSERT, UPDATE ON "clinic_usage_daily" TO eventora_platform;
