import { ROLES, type Role } from '../domain/enums';
/**
 * Roles and what each may do. Checked on the server for every page and API route (never only by hiding
 * buttons). Village scope is separate: see scope.ts.
 */

export const PERMISSIONS = [
  /** Map, layers, tiles, search, counts, analyses, hazard list and detail (within the village scope). */
  'data:read',
  /** The wall screen (大屏). */
  'screen:view',
  /** Monthly and annual reports (within the village scope). */
  'reports:read',
  /** Record hazards, notify, and move them through rectification (待整改 → 整改中 → 待复查). */
  'hazards:report',
  /** Re-check: close out (销号) or send back (退回), edit any field, import hazard lists. */
  'hazards:verify',
  /** Passage fixes, scenarios, placement suggestions. */
  'passages:plan',
  /** The fire-code rule table. */
  'rules:edit',
  /** Users, roles, village assignments. */
  'users:manage',
  /** The audit log (责任倒查). */
  'audit:read',
  /** House plates (一户一码): a village's printable sheet of QR plates (village officers: their own village). */
  'plates:print',
  /** A phone's exported outbox (zip), imported on behalf of the user it belongs to. */
  'outbox:import',
  /** The town's base layers: import files, commit and roll back batches (数据管理). */
  'data:import',
  /** Add, move, reshape, delete base features and edit any of their attributes (数据维护). */
  'data:edit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  leader: ['data:read', 'screen:view', 'reports:read', 'audit:read'],
  office: ALL,
  planner: ['data:read', 'reports:read', 'passages:plan'],
  inspector: ['data:read', 'reports:read', 'hazards:report', 'hazards:verify'],
  village: ['data:read', 'reports:read', 'hazards:report', 'plates:print'],
  admin: ALL,
};

/** Roles whose users see only their assigned villages. The others see the whole town. */
export const SCOPED_ROLES: readonly Role[] = ['inspector', 'village'];

/** Where each role lands after signing in. */
/** Where a user whose password an administrator reset chooses a new one, before any other page. */
export const PASSWORD_PAGE = '/account/password';

export const START_PAGES: Record<Role, string> = {
  leader: '/screen',
  office: '/',
  planner: '/passages',
  inspector: '/hazards',
  village: '/hazards',
  admin: '/admin/users',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What a personal API token may be used for: reading, whatever else its user's role allows. */
export const READ_PERMISSIONS: readonly Permission[] = ['data:read', 'screen:view', 'reports:read', 'audit:read'];

export function isReadPermission(permission: Permission): boolean {
  return READ_PERMISSIONS.includes(permission);
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
