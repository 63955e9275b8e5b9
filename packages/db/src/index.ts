/**
 * @eventora/db: the generated Prisma client and its types. It opens no connection itself;
 * @eventora/tenancy builds the clients the apps use (tenant-scoped, RLS-bound).
 */
export * from './generated/prisma/client';
export { ROLES, type RoleName, type RolePasswords } from './roles';
