import { errorResponse, UnauthorizedError } from '@/lib/api/errors';
import { actorFromRequest } from '@/lib/auth/request';
import { ROLE_PERMISSIONS, START_PAGES } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';

/** GET /api/auth/me — who the session belongs to, their permissions and village scope; 401 without one. */
export async function GET(request: Request) {
  try {
    const actor = await actorFromRequest(request);
    if (!actor) throw new UnauthorizedError();
    return Response.json(
      {
        username: actor.username,
        display_name: actor.displayName,
        role: actor.role,
        villages: actor.villages,
        permissions: ROLE_PERMISSIONS[actor.role],
        start: START_PAGES[actor.role],
      },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
