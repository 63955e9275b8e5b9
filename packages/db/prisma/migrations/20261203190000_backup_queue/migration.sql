-- The queue of the daily "backups" fleet schedule (clinic.backups; QUEUES in
-- packages/jobs/src/queue/queues.ts, a test keeps the two lists equal): one job per clinic,
-- its backup into the store then its retention. A backup of a large clinic takes minutes:
-- an hour before a job of a dead worker is retried, two retries ten minutes apart and more.
--
-- Like every migration it runs against every target; create_queue does nothing for a queue
-- that exists (a clinic schema in the same database), and a clinic's own database gets the
-- queue in its unused copy of pgboss.

SELECT pg_advisory_xact_lock(hashtextextended('eventora.job-queue-install:' || current_database(), 0));

SELECT pgboss.create_queue('clinic.backups',
    '{"policy":"standard","retryLimit":2,"retryDelay":600,"retryBackoff":true,"expireInSeconds":3600,"retentionMinutes":10080}'::json);
