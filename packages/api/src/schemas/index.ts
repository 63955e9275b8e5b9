/**
 * `@eventora/api/schemas`: every procedure's input schema, with nothing but zod, so the apps'
 * client forms validate exactly as the procedures do. Named `Z` + the procedure's path + `Input`
 * (`branch.create` → `ZBranchCreateInput`, `admin.clinic.suspend` → `ZAdminClinicSuspendInput`);
 * schemas.test.ts holds every procedure to it.
 */
export * from './account';
export * from './admin';
export * from './audit';
export * from './auth';
export * from './billing';
export * from './branch';
export * from './catalog';
export * from './client';
export * from './common';
export * from './desk';
export * from './instant-input';
export * from './note';
export * from './privacy';
export * from './report';
export * from './reservation';
export * from './series';
export * from './service';
export * from './settings';
export * from './team';
export * from './therapist';
export * from './time-off';
export * from './waitlist';
export * from './wallet';
export * from './weekly-hours';
