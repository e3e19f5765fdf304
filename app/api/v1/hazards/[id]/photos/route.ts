import { createHash } from 'node:crypto';
import { z } from 'zod';
import { addHazardPhoto, listHazardPhotos } from '@/db/queries/hazard-photos';
import { hazardDetail } from '@/db/queries/hazard-records';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import { formId, pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { formFile } from '@/lib/api/upload';
import { auditActor } from '@/lib/auth/request';
import { PHOTO_KINDS, type PhotoKind } from '@/lib/domain/enums';
import { say } from '@/lib/i18n/say';
import { configuredPhotoStore } from '@/lib/photos/photo-store';
import { PHOTO_MAX_BYTES, processPhoto } from '@/lib/photos/process-photo';
import { chinaToday } from '@/lib/time';

export const dynamic = 'force-dynamic';

const hazardParams = z.object({ id: pathId('hazard id') });

/** GET /api/v1/hazards/{id}/photos — the photos' metadata (bytes under /photos/{photoId}). */
export const GET = route({ permission: 'data:read', params: hazardParams }, async ({ db, params, actor }) => {
  if (!(await hazardDetail(db, params.id, actor.villages, chinaToday())))
    throw new NotFoundError(say(`没有 id 为 ${params.id} 的隐患`, `no hazard with id ${params.id}`));
  return Response.json({ photos: await listHazardPhotos(db, params.id) });
});

function photoKind(form: FormData): PhotoKind {
  const kind = String(form.get('kind') ?? 'other');
  if (!(PHOTO_KINDS as readonly string[]).includes(kind))
    throw new BadRequestError(say(`kind 必须是 ${PHOTO_KINDS.join('、')} 之一`, `kind must be one of ${PHOTO_KINDS.join(', ')}`));
  return kind as PhotoKind;
}

/**
 * POST /api/v1/hazards/{id}/photos (multipart: file, kind=before|after|other, event_id?) — JPEG, PNG or WebP up
 * to 10 MB, judged by its bytes; turned upright by its EXIF orientation, stripped of metadata, thumbnailed.
 * `received_sha256` is the SHA-256 of the bytes as received, so a client can tell its upload arrived whole
 * (the stored photo's own `sha256` is of the cleaned bytes). Takes an Idempotency-Key.
 */
export const POST = route(
  { permission: 'hazards:report', params: hazardParams, upload: { limitBytes: PHOTO_MAX_BYTES }, idempotent: true },
  async ({ db, params, form, actor, requestId }) => {
    const kind = photoKind(form);
    const eventId = formId(form, 'event_id');
    const received = (await formFile(form)).bytes;
    const photo = await processPhoto(received);
    const request = { hazardId: params.id, eventId, kind, photo, actor: auditActor(actor), villages: actor.villages, requestId };
    const stored = await addHazardPhoto(db, request, configuredPhotoStore());
    return Response.json({ photo: stored, received_sha256: createHash('sha256').update(received).digest('hex') }, { status: 201 });
  },
);
