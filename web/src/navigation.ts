import type { IconName } from './components/Icon';

export interface NavItem {
  path: string;
  label: string;
  /** Stable id: used for data-testid="nav-<id>". */
  id: string;
  icon: IconName;
  /** Shown when the user holds any of these; none means everyone signed in. */
  anyOf?: string[];
  /** Capability on the roadmap: listed, not yet usable. */
  comingSoon?: { summary: string; points: string[] };
}

export interface NavSection {
  label: string;
  items: NavItem[];
}

export const NAV_SECTIONS: NavSection[] = [
  {
    label: 'Overview',
    items: [{ path: '/', id: 'dashboard', label: 'Dashboard', icon: 'dashboard' }],
  },
  {
    label: 'Inventory',
    items: [
      { path: '/systems', id: 'systems', label: 'Systems', icon: 'systems', anyOf: ['systems:read'] },
      { path: '/discovery', id: 'discovery', label: 'Discovery', icon: 'discovery', anyOf: ['discovery:read'] },
      { path: '/data-map', id: 'data-map', label: 'Data map', icon: 'datamap', anyOf: ['map:read'] },
    ],
  },
  {
    label: 'Operations',
    items: [
      { path: '/subject-requests', id: 'subject-requests', label: 'Subject requests', icon: 'requests', anyOf: ['dsr:read'] },
      {
        path: '/consent',
        id: 'consent',
        label: 'Consent',
        icon: 'consent',
        comingSoon: {
          summary: 'Record and evidence consent per purpose, and honour withdrawals everywhere.',
          points: ['Consent receipts with purpose and version', 'Withdrawal propagation to connected systems'],
        },
      },
      {
        path: '/retention',
        id: 'retention',
        label: 'Retention',
        icon: 'retention',
        comingSoon: {
          summary: 'Define retention rules per data category and enforce them on a schedule.',
          points: ['Retention schedules tied to purposes and legal bases', 'Dry-run reports before deletion or anonymisation'],
        },
      },
    ],
  },
  {
    label: 'Governance',
    items: [
      { path: '/audit', id: 'audit', label: 'Audit log', icon: 'audit', anyOf: ['audit:read'] },
      {
        path: '/assessments',
        id: 'assessments',
        label: 'Assessments',
        icon: 'assessments',
        comingSoon: {
          summary: 'Run data protection impact assessments and legitimate interest assessments.',
          points: ['Questionnaire templates with risk scoring', 'Sign-off workflow for the DPO'],
        },
      },
      {
        path: '/incidents',
        id: 'incidents',
        label: 'Incidents',
        icon: 'incidents',
        comingSoon: {
          summary: 'Log personal data breaches, assess their risk and meet notification deadlines.',
          points: ['72-hour notification clock', 'Affected systems and data categories from the data map'],
        },
      },
    ],
  },
  {
    label: 'Administration',
    items: [
      { path: '/admin', id: 'admin', label: 'Users & API keys', icon: 'users', anyOf: ['users:read', 'keys:read'] },
    ],
  },
];

export const ALL_NAV_ITEMS: NavItem[] = NAV_SECTIONS.flatMap((s) => s.items);

export function findNavItem(path: string): NavItem | undefined {
  return ALL_NAV_ITEMS.find((item) => item.path === path);
}

export const COMING_SOON_ITEMS: NavItem[] = ALL_NAV_ITEMS.filter((item) => item.comingSoon);
