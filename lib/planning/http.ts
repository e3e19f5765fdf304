/**
 * Largest body of a planner request (a what-if or a saved scenario): up to 50 fixes, each new link with up to
 * 500 positions written at full precision, fit in about 1 MB, so twice that leaves room without inviting abuse.
 */
export const PLANNER_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
