import type { HazardStatus } from '@/lib/domain/enums';

/** One colour per rectification status, shared by the map dots, the status chips and the tabs. */
export const STATUS_COLORS: Record<HazardStatus, string> = {
  pending: '#e65100',
  in_progress: '#1e88e5',
  awaiting_review: '#8e24aa',
  closed: '#2e7d32',
};
