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
export { defaultMailer } from './mailer';
export { portalUrl } from './portal-url';
export { registerTenancyGauges } from './metrics/tenancy-gauges';
export { verifyAuditChain, type ChainReport } from './audit/verify-audit-chain';
export { ClinicRateLimiter, type ClinicRateLimiterOptions } from './request/clinic-rate-limit';

// Input schemas, so forms validate exactly as the procedures do (the portal's forms).
export {
  ZRequestPasswordResetInput,
  ZResetPasswordInput,
  ZSignInInput,
  ZSignUpInput,
} from './routers/auth/router';
export { ZCreateBranchInput, ZUpdateBranchInput } from './routers/branch/router';
export { ZCreatePackageInput, ZUpdatePackageInput } from './routers/catalog/router';
export { ZCreateTherapistInput, ZUpdateTherapistInput } from './routers/therapist/router';
export { ZCreateReservationInput } from './routers/reservation/create';
export { ZPortalClinic, type PortalClinic } from './routers/portal/clinic';
export { ZInviteMemberInput } from './routers/team/router';
export { ZAcceptInvitationInput } from './routers/account/router';
export { ZCreateClientInput } from './routers/client/create';
export { ZUpdateClientInput } from './routers/client/update';
export { ZClinicSettingsInput } from './routers/settings/router';
export { ZCreateServiceInput } from './routers/service/router';
export { ZCreateTimeOffInput } from './routers/time-off/router';
