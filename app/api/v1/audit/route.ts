import { getDatabase } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { villageCodes } from '@/db/queries/villages';
import { BadRequestError, errorResponse } from '@/lib/api/errors';
import { parseVillages } from '@/lib/api/params';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';

export const dynamic = 'force-dynamic';

const TABLES = /^[a-z_]{1,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function optional(params: URLSearchParams, name: string, pattern: RegExp, hint: string): string | undefined {
  const value = params.get(name)?.trim();
  if (!value) return undefined;
  if (!pattern.test(value)) throw new BadRequestError(`${name} must be ${hint}`);
  return value;
}

/**
 * GET /api/v1/audit?actor=&village=&table=&record=&from=YYYY-MM-DD&to=YYYY-MM-DD&limit=&offset= — the audit
 * trail (责任倒查), newest first.
 */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(request, 'audit:read');
    const params = new URL(request.url).searchParams;
    const { db } = await getDatabase();
    const villages = scopedVillages(actor, parseVillages(params, await villageCodes(db)));
    const limit = Number(optional(params, 'limit', /^\d{1,3}$/, 'a whole number up to 500') ?? 100);
    const offset = Number(optional(params, 'offset', /^\d{1,7}$/, 'a whole number') ?? 0);
    if (limit < 1 || limit > 500) throw new BadRequestError('limit must be from 1 to 500');
    const result = await listAudit(
      db,
      {
        actor: optional(params, 'actor', /^.{1,100}$/, 'at most 100 characters'),
        villages,
        table: optional(params, 'table', TABLES, 'a table name'),
        recordId: optional(params, 'record', /^.{1,64}$/, 'at most 64 characters'),
        from: optional(params, 'from', DATE, 'a date YYYY-MM-DD'),
        to: optional(params, 'to', DATE, 'a date YYYY-MM-DD'),
      },
      { limit, offset },
    );
    return Response.json(result);
  } catch (error) {
    return errorResponse(error);
  }
}
