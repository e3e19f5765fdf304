import { route } from '@/lib/api/route';
import { ROLE_PERMISSIONS, START_PAGES } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';

/** GET /api/auth/me — who the session belongs to, their permissions and village scope; 401 without one. */
export const GET = route({ permission: 'signed-in' }, async ({ actor }) =>
  Response.json({
    username: actor.username,
    display_name: actor.displayName,
    role: actor.role,
    villages: actor.villages,
    permissions: ROLE_PERMISSIONS[actor.role],
    start: START_PAGES[actor.role],
  }),
);
