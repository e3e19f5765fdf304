import { z } from 'zod';
import { readHazardPhoto } from '@/db/queries/hazard-photos';
import { NotFoundError } from '@/lib/api/errors';
import { pathId } from '@/lib/api/ids';
import { queryChoice } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { inScope } from '@/lib/auth/scope';
import { say } from '@/lib/i18n/say';
import { photoStores } from '@/lib/photos/photo-store';

export const dynamic = 'force-dynamic';

/** GET /api/v1/hazards/{id}/photos/{photoId}?size=thumbnail|full — the image bytes. */
export const GET = route(
  {
    permission: 'data:read',
    params: z.object({ id: pathId('hazard id'), photoId: pathId('photo id') }),
    query: z.object({ size: queryChoice('size', ['full', 'thumbnail']).default('full') }),
  },
  async ({ db, params, query, actor }) => {
    const photo = await readHazardPhoto(db, params.photoId, query.size, photoStores());
    if (!photo || photo.hazardId !== params.id || !inScope(actor, photo.villageCode))
      throw new NotFoundError(say('找不到该照片', 'no such photo'));
    return new Response(new Uint8Array(photo.bytes), {
      headers: {
        'Content-Type': photo.contentType,
        // Photos never change (a new photo is a new id); private because access depends on the user.
        'Cache-Control': 'private, max-age=86400, immutable',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  },
);
