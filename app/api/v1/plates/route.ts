import { villagePlates } from '@/db/queries/plates';
import { NotFoundError } from '@/lib/api/errors';
import { publicOrigin } from '@/lib/api/public-origin';
import { route } from '@/lib/api/route';
import { say } from '@/lib/i18n/say';
import { platesPdf } from '@/lib/plates/plates-pdf';
import { fileResponse } from '@/lib/reports/http';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/plates?village=<code> — the village's house plates (一户一码) as an A4 PDF: a QR plate per building
 * and social unit, each opening `/p/b/<code>` or `/p/u/<code>`. Village officers get only their own village (403).
 */
export const GET = route({ permission: 'plates:print', villages: 'one-required' }, async ({ db, village, request }) => {
  const sheet = await villagePlates(db, village);
  if (!sheet) throw new NotFoundError(say(`没有代码为 ${village} 的村`, `no village with code ${village}`));
  const body = await platesPdf(sheet, publicOrigin(request.headers, request.url));
  return fileResponse(body, 'pdf', `${sheet.village.name}-一户一码门牌`, `plates-${village}`);
});
