import { z } from 'zod';
import { revokeApiToken } from '@/db/queries/api-tokens';
import { NotFoundError } from '@/lib/api/errors';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { auditActor } from '@/lib/auth/request';
import { say } from '@/lib/i18n/say';

export const dynamic = 'force-dynamic';

/** DELETE /api/v1/tokens/{id} — revokes one of the user's own tokens at once; another user's is a 404. */
export const DELETE = route(
  { permission: 'signed-in', params: z.object({ id: pathId('token id') }) },
  async ({ db, actor, params: { id }, requestId }) => {
    const token = await revokeApiToken(db, actor.userId, id, auditActor(actor), requestId);
    if (!token) throw new NotFoundError(say(`没有 id 为 ${id} 的 API 令牌`, `no API token with id ${id}`));
    return Response.json({ token });
  },
);
