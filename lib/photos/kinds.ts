/** What a hazard photo shows: before rectification (整改前), after it (整改后), or anything else (其他). Append-only: a CHECK constraint reads it. */
export const PHOTO_KINDS = ['before', 'after', 'other'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];
