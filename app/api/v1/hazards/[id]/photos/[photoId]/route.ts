import { getDatabase } from '@/db/client';
import { readHazardPhoto } from '@/db/queries/hazard-photos';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import { requireActor } from '@/lib/auth/request';
import { inScope } from '@/lib/auth/scope';
import { hazardErrorResponse, parseHazardId } from '@/lib/hazards/http';
import { photoStores } from '@/lib/photos/photo-store';

export const dynamic = 'force-dynamic';

/** GET /api/v1/hazards/{id}/photos/{photoId}?size=thumbnail|full — the image bytes. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; photoId: string }> }) {
  try {
    const actor = await requireActor(request, 'data:read');
    const { id, photoId } = await params;
    const hazardId = parseHazardId(id);
    if (!/^\d{1,9}$/.test(photoId)) throw new BadRequestError('photo id must be a whole number');
    const size = new URL(request.url).searchParams.get('size') ?? 'full';
    if (size !== 'full' && size !== 'thumbnail') throw new BadRequestError('size must be full or thumbnail');
    const { db } = await getDatabase();
    const photo = await readHazardPhoto(db, Number(photoId), size, photoStores());
    if (!photo || photo.hazardId !== hazardId || !inScope(actor, photo.villageCode)) throw new NotFoundError('no such photo');
    return new Response(new Uint8Array(photo.bytes), {
      headers: {
        'Content-Type': photo.contentType,
        // Photos never change (a new photo is a new id); private because access depends on the user.
        'Cache-Control': 'private, max-age=86400, immutable',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    return hazardErrorResponse(error);
  }
}
