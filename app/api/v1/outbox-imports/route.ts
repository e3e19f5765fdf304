import { writeAudit } from '@/db/queries/audit';
import { actorForUser } from '@/db/queries/users';
import { UnprocessableError } from '@/lib/api/errors';
import { requestLocale } from '@/lib/api/request-locale';
import { route } from '@/lib/api/route';
import { formFile } from '@/lib/api/upload';
import { onBehalfOf } from '@/lib/auth/on-behalf';
import { auditActor } from '@/lib/auth/request';
import { readOutboxArchive } from '@/lib/field/outbox-archive';
import { type ImportOutcome, importOutbox } from '@/lib/field/outbox-import';
import { say } from '@/lib/i18n/say';
import { inProcessFetch } from './in-process-fetch';

export const dynamic = 'force-dynamic';

/** The largest exported outbox taken: a few hundred phone photos. */
const ARCHIVE_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * POST /api/v1/outbox-imports (multipart: file = a phone's exported outbox zip) — sends each of its items as
 * the user whose outbox it is, with the phone's own Idempotency-Keys: what already reached the server is
 * recognised (`already`), the rest is written (`written`); a newer change on the server makes a `conflict`,
 * never an overwrite. 200 with the outcome of each item; 400 for a damaged archive, 422 for an unknown user.
 */
export const POST = route(
  { permission: 'outbox:import', upload: { limitBytes: ARCHIVE_UPLOAD_BYTES } },
  async ({ db, form, actor, request, requestId }) => {
    const { bytes, name } = await formFile(form);
    const archive = readOutboxArchive(bytes);
    const author = await actorForUser(db, archive.author.id, `outbox-import:${requestId}`);
    if (!author || author.username !== archive.author.username)
      throw new UnprocessableError(
        say(
          `离线记录包属于用户“${archive.author.username}”，该用户不存在或已停用`,
          `the outbox belongs to user "${archive.author.username}", who does not exist or is deactivated`,
        ),
      );
    const fetch = inProcessFetch(request.url, requestLocale(request), requestId);
    const items = await onBehalfOf(author, () => importOutbox(archive, fetch));
    const counts: Record<ImportOutcome, number> = { written: 0, already: 0, conflict: 0, failed: 0, waiting: 0 };
    for (const item of items) counts[item.outcome] += 1;
    const summary = { file: name, author: archive.author, exported_at: archive.exportedAt, counts };
    await writeAudit(db, {
      actor: auditActor(actor),
      action: 'import',
      table: 'outbox_imports',
      recordId: null,
      villageCode: null,
      after: { ...summary, items },
      requestId,
    });
    return Response.json({ ...summary, items });
  },
);
