/**
 * Who may do what, in one place. Every route names one permission (or `public`); this table is
 * the only mapping from roles to permissions, so an auditor reads access control here.
 */
export const ROLES = ['admin', 'privacy_officer', 'analyst', 'engineer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'audit:read': 'Read the audit log',
  'audit:verify': 'Verify the audit chain and its signatures',
  'audit:export': 'Export the audit log for an external auditor',
  'users:read': 'List user accounts',
  'users:manage': 'Create, change and disable user accounts',
  'keys:read': 'List API keys (never their secrets)',
  'keys:manage': 'Create and revoke API keys',
  'systems:read': 'List connected systems',
  'systems:manage': 'Register and change connected systems',
  'discovery:read': 'See scans and personal-data findings (masked examples only)',
  'discovery:scan': 'Start and cancel scans of connected systems',
  'discovery:decide': 'Confirm or reject findings; a decision is kept across re-scans',
  'map:read': 'See the data map, identity graph, processing activities, drift and reports',
  'map:manage': 'Edit processing activities, references, taxonomy, organisation details; apply manifests; resolve drift',
  'dsr:read': 'See subject requests, their due dates and timelines (identities masked)',
  'dsr:manage': 'Record, verify, extend and fulfil subject requests',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const READ_ONLY: Permission[] = ['systems:read', 'discovery:read', 'map:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: Object.keys(PERMISSIONS) as Permission[],
  privacy_officer: [...READ_ONLY, 'systems:manage', 'discovery:scan', 'discovery:decide', 'map:manage', 'dsr:read', 'dsr:manage', 'audit:read', 'audit:verify', 'audit:export', 'users:read'],
  engineer: [...READ_ONLY, 'systems:manage', 'discovery:scan', 'map:manage', 'keys:read'],
  analyst: [...READ_ONLY],
  auditor: [...READ_ONLY, 'dsr:read', 'audit:read', 'audit:verify', 'audit:export', 'users:read', 'keys:read'],
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Everything, including users, keys and settings',
  privacy_officer: 'Runs the privacy programme: systems, audit log, reports',
  engineer: 'Connects and maintains systems; automation through API keys',
  analyst: 'Reads the inventory and findings',
  auditor: 'Read-only access plus the audit log, its verification and export',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleHasPermission(role: string, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: string): Permission[] {
  return isRole(role) ? [...ROLE_PERMISSIONS[role]] : [];
}

/** What a route requires: a permission, any signed-in principal, or nothing. */
export type RouteAccess = Permission | 'authenticated' | 'public';
