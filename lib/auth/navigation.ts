import type { Role } from '../domain/enums';
import type { MessageKey } from '../i18n';
import { can, type Permission } from './roles';

export interface NavigationItem {
  href: string;
  label: MessageKey;
}

const PAGES: (NavigationItem & { permission: Permission })[] = [
  { href: '/', label: 'nav.map', permission: 'data:read' },
  { href: '/hazards', label: 'nav.hazards', permission: 'data:read' },
  { href: '/passages', label: 'nav.passages', permission: 'passages:plan' },
  { href: '/screen', label: 'nav.screen', permission: 'screen:view' },
  { href: '/reports', label: 'nav.reports', permission: 'reports:read' },
  { href: '/data', label: 'nav.data', permission: 'data:import' },
  { href: '/data/edit', label: 'nav.edit', permission: 'hazards:report' },
  { href: '/admin/audit', label: 'nav.audit', permission: 'audit:read' },
  { href: '/admin/users', label: 'nav.users', permission: 'users:manage' },
];

/** The pages a role may open, in menu order. */
export function navigationFor(role: Role): NavigationItem[] {
  return PAGES.filter((page) => can(role, page.permission)).map(({ href, label }) => ({ href, label }));
}
