import type { HazardStatus } from '../domain/enums';
import { enumLabel } from '../i18n';
import { say } from '../i18n/say';

/**
 * Rectification to closure (整改销号): 待整改 → 整改中 → 待复查 → 已销号, and 退回 from 待复查 back to 整改中
 * when the re-check fails. A closed hazard stays closed; a new finding is a new hazard.
 */
export const NEXT_STATUSES: Record<HazardStatus, readonly HazardStatus[]> = {
  pending: ['in_progress'],
  in_progress: ['awaiting_review'],
  awaiting_review: ['closed', 'in_progress'],
  closed: [],
};

export function allowedNextStatuses(from: HazardStatus): readonly HazardStatus[] {
  return NEXT_STATUSES[from];
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: HazardStatus,
    readonly to: string,
  ) {
    const allowed = NEXT_STATUSES[from];
    const label = (status: string) => enumLabel('zh-CN', 'hazard_status', status);
    super(
      say(
        `隐患不能从“${label(from)}”改为“${label(to)}”；${allowed.length > 0 ? `下一步可以是：${allowed.map(label).join('、')}` : '它已销号'}`,
        `a hazard cannot go from ${from} to ${to}; ${allowed.length > 0 ? `allowed next: ${allowed.join(', ')}` : 'it is closed'}`,
      ),
    );
    this.name = 'IllegalTransitionError';
  }
}

/** Closing out (销号) needs evidence of the re-check: an after-photo (整改后照片) or a written verification note. */
export class VerificationRequiredError extends Error {
  constructor() {
    super(
      say(
        '销号需要整改后照片或一段说明复查情况的复查意见',
        'closing a hazard (已销号) needs an after-photo or a verification note describing the re-check',
      ),
    );
    this.name = 'VerificationRequiredError';
  }
}

/** Checks a transition; returns normally when it is allowed. */
export function checkTransition(from: HazardStatus, to: HazardStatus, note: string, hasAfterPhoto = false): void {
  if (!NEXT_STATUSES[from].includes(to)) throw new IllegalTransitionError(from, to);
  if (to === 'closed' && note.trim().length === 0 && !hasAfterPhoto) throw new VerificationRequiredError();
}

/** Closing out and sending back are the re-check (复查): they need the verify permission, the other steps do not. */
export function isReviewStep(from: HazardStatus): boolean {
  return from === 'awaiting_review';
}
