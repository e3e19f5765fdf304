import { route } from '@/lib/api/route';
import { segmentsToFix } from '@/lib/planning/segments';

export const dynamic = 'force-dynamic';

/** GET /api/v1/passage-fixes/segments — blocked and substandard segments ranked by buildings cut off, with obstacles and milestones. */
export const GET = route({ permission: 'passages:plan' }, async ({ db }) => Response.json(await segmentsToFix(db)));
