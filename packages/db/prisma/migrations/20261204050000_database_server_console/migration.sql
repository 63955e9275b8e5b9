-- The console opens, drains and closes database servers (issue 17): the platform role may change
-- a server's state (and its updated_at) and nothing else of it; its name, secret reference and
-- capacity stay the owner role's (`pnpm db:servers`). Each change is written to the platform
-- audit log with the operator's reason, in the same transaction.
GRANT UPDATE ("state", "updated_at") ON "database_servers" TO eventora_platform;
