import { createApiToken, listApiTokens } from '@/db/queries/api-tokens';
import { route } from '@/lib/api/route';
import { newApiToken, newApiTokenSchema } from '@/lib/auth/api-token';
import { auditActor } from '@/lib/auth/request';
import { hashSessionToken } from '@/lib/auth/session-token';

export const dynamic = 'force-dynamic';

/** GET /api/v1/tokens — the signed-in user's own API tokens (never the secret). */
export const GET = route({ permission: 'signed-in' }, async ({ db, actor }) =>
  Response.json({ tokens: await listApiTokens(db, actor.userId) }),
);

/**
 * POST /api/v1/tokens {name, expires_in_days?} → 201 {id, name, token, expires_at}. The only answer that shows
 * the token: only its hash is kept. Needs a session (a token cannot make tokens).
 */
export const POST = route({ permission: 'signed-in', body: newApiTokenSchema }, async ({ db, actor, body, requestId }) => {
  const token = newApiToken();
  const created = await createApiToken(
    db,
    { userId: actor.userId, name: body.name, tokenHash: hashSessionToken(token), days: body.expires_in_days },
    auditActor(actor),
    requestId,
  );
  return Response.json({ id: created.id, name: created.name, token, expires_at: created.expires_at }, { status: 201 });
});
