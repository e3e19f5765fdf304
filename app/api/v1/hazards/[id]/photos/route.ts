import { getDatabase } from '@/db/client';
import { addHazardPhoto, listHazardPhotos } from '@/db/queries/hazard-photos';
import { hazardDetail } from '@/db/queries/hazard-records';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import { formFile, readUploadForm } from '@/lib/api/upload';
import { auditActor, requestIdOf, requireActor } from '@/lib/auth/request';
import { hazardErrorResponse, parseHazardId } from '@/lib/hazards/http';
import { PHOTO_KINDS, type PhotoKind } from '@/lib/photos/kinds';
import { configuredPhotoStore } from '@/lib/photos/photo-store';
import { PHOTO_MAX_BYTES, processPhoto } from '@/lib/photos/process-photo';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** GET /api/v1/hazards/{id}/photos — the photos' metadata (bytes under /photos/{photoId}). */
export async function GET(request: Request, { params }: Params) {
  try {
    const actor = await requireActor(request, 'data:read');
    const id = parseHazardId((await params).id);
    const { db } = await getDatabase();
    if (!(await hazardDetail(db, id, actor.villages))) throw new NotFoundError(`no hazard with id ${id}`);
    return Response.json({ photos: await listHazardPhotos(db, id) });
  } catch (error) {
    return hazardErrorResponse(error);
  }
}

/**
 * POST /api/v1/hazards/{id}/photos (multipart: file, kind=before|after|other, event_id?) — JPEG, PNG or WebP up
 * to 10 MB, judged by its bytes; turned upright by its EXIF orientation, stripped of metadata, thumbnailed.
 */
export async function POST(request: Request, { params }: Params) {
  try {
    const actor = await requireActor(request, 'hazards:report');
    const id = parseHazardId((await params).id);
    const form = await readUploadForm(request, PHOTO_MAX_BYTES);
    const kind = String(form.get('kind') ?? 'other');
    if (!(PHOTO_KINDS as readonly string[]).includes(kind)) throw new BadRequestError(`kind must be one of ${PHOTO_KINDS.join(', ')}`);
    const eventText = form.get('event_id');
    if (eventText !== null && !/^\d{1,9}$/.test(String(eventText))) throw new BadRequestError('event_id must be a whole number');
    const photo = await processPhoto((await formFile(form)).bytes);
    const { db } = await getDatabase();
    const meta = await addHazardPhoto(
      db,
      {
        hazardId: id,
        eventId: eventText === null ? null : Number(eventText),
        kind: kind as PhotoKind,
        photo,
        actor: auditActor(actor),
        villages: actor.villages,
        requestId: requestIdOf(request),
      },
      configuredPhotoStore(),
    );
    return Response.json({ photo: meta }, { status: 201 });
  } catch (error) {
    return hazardErrorResponse(error);
  }
}
