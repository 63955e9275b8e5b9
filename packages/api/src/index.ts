/**
 * @eventora/api: the tRPC routers both apps serve. Procedures reach clinic data only through
 * `ctx.db` (the tenant client bound to the session's clinic).
 */
export {
  appRouter,
  consoleRouter,
  createAppCaller,
  createConsoleCaller,
  type AppRouter,
  type ConsoleRouter,
} from './root';
export { createContext, requestMeta, type ApiContext, type RequestMeta } from './context';
export type { ApiServices, ConsoleBackups } from './services';
export { createApiServices, type ApiServicesConfig } from './create-api-services';
export { defaultMailer } from './mailer';
export { portalUrl } from './portal-url';
export { slugFromHost } from './request/clinic-slug';
export { registerTenancyGauges } from './metrics/tenancy-gauges';
export { verifyAuditChain, type ChainReport } from './audit/verify-audit-chain';
export { ClinicRateLimiter, type ClinicRateLimiterOptions } from './request/clinic-rate-limit';

export { ZPortalClinic, type PortalClinic } from './routers/portal/clinic';
/** The owners' report's computation, for bench:reports (the procedures are report.*). */
export { computeReport, type Report } from './routers/report/compute-report';
