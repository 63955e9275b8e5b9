# Both Next.js apps, one image recipe: the clinic portal (APP=web) or the platform console
# (APP=admin), from Next.js' standalone output on Node 20, as a non-root user, with no
# development dependencies. Build from the repository root:
#
#   docker build --build-arg APP=web -t eventora-web .
#   docker build --build-arg APP=admin -t eventora-console .
#
# Configuration is by environment only (docs/operations.md): DATABASE_URL (runtime role),
# DATABASE_PLATFORM_URL, ROOT_DOMAIN, DATABASE_OWNER_URL (the console's onboarding), …
# Probes: GET /healthz (alive), GET /readyz (ready). The worker has its own image
# (apps/worker/Dockerfile): it runs no Next.js.

FROM node:20.20-bookworm-slim AS build
# The app to build: the folder name under apps/ (web or admin); no default, so a build that
# forgot it fails here instead of shipping the wrong app.
ARG APP
ENV NEXT_TELEMETRY_DISABLED=1
RUN case "$APP" in web|admin) ;; *) echo "build with --build-arg APP=web or APP=admin" >&2; exit 1 ;; esac
RUN npm install --global pnpm@10.34.9
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm --filter "@eventora/$APP" build

FROM node:20.20-bookworm-slim AS runtime
ARG APP
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    EVENTORA_MIGRATIONS_DIR=/app/packages/db/prisma/migrations
RUN groupadd --system --gid 1001 eventora \
 && useradd --system --uid 1001 --gid eventora --no-create-home eventora
# The traced server (its own node_modules), the static assets, and the migrations folder
# whose newest entry /readyz expects the database to have.
COPY --from=build --chown=eventora:eventora /repo/apps/${APP}/.next/standalone /app/
COPY --from=build --chown=eventora:eventora /repo/apps/${APP}/.next/static /app/apps/${APP}/.next/static
COPY --from=build --chown=eventora:eventora /repo/packages/db/prisma/migrations /app/packages/db/prisma/migrations
# The standalone server sits in the app's folder of the traced tree (the exec-form CMD cannot
# read a build argument, the working directory can).
WORKDIR /app/apps/${APP}
USER eventora
# 3000: the app; 9464: Prometheus metrics when METRICS_PORT=9464 (keep it internal).
EXPOSE 3000 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
