import { type AuditEntry, writeAudit } from '../../db/queries/audit';
import type { Db } from '../../db/schema';
import { chinaToday } from '../time';

/** Who makes a planner change, in which request, and on which day: the audit rows and dates it writes. */
export interface PlanningRequest {
  actor: { name: string; role: string };
  requestId: string;
  /** Today in China (YYYY-MM-DD) for completion and clearing dates; chinaToday() when not given. */
  today?: string;
}

export const todayOf = (request: PlanningRequest): string => request.today ?? chinaToday();

/** One audit row for a planner change, with the request's actor and id. */
export function auditChange(db: Db, request: PlanningRequest, entry: Omit<AuditEntry, 'actor' | 'requestId'>): Promise<void> {
  return writeAudit(db, { ...entry, actor: request.actor, requestId: request.requestId });
}

/**
 * The village an audit row of a multi-fix record (a scenario) is filed under: the one village all its fixes
 * lie in. A record spanning several villages, or with a fix outside every village, is the town's: the log
 * has one village per row, and filing it under one village would show it to that village's officers as
 * theirs alone (and hide it from the others), so it is recorded without a village.
 */
export function villageOfAll(villageCodes: readonly (string | null)[]): string | null {
  const distinct = new Set(villageCodes);
  if (distinct.size !== 1) return null;
  const [only] = distinct;
  return only ?? null;
}
