import { getDatabase } from '@/db/client';
import { listHazards } from '@/db/queries/hazards';
import { villageCodes } from '@/db/queries/villages';
import { BadRequestError, errorResponse } from '@/lib/api/errors';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';
import { HAZARD_EXPORT_COLUMNS, HAZARD_SHEET_NAME, hazardRowsFromCollection, hazardsToGeoJson, toCsv, toXlsx } from '@/lib/export';
import { checkArea } from '@/lib/hazards/area';
import { parseHazardFilter } from '@/lib/hazards/filter';

export const dynamic = 'force-dynamic';

/** One export holds at most this many hazards (a county's list fits). */
const MAX_EXPORT_ROWS = 100_000;

const FORMATS = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  geojson: { type: 'application/geo+json; charset=utf-8', extension: 'geojson' },
} as const;

/**
 * GET /api/v1/hazards/export?format=xlsx|csv|geojson&<the list's filters> — the filtered list as a file with
 * Chinese headers (XLSX, CSV with BOM; cells that Excel would run as formulas are neutralised) or as GeoJSON.
 */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(request, 'data:read');
    const params = new URL(request.url).searchParams;
    const format = params.get('format') ?? 'xlsx';
    if (!(format in FORMATS)) throw new BadRequestError(`format must be one of ${Object.keys(FORMATS).join(', ')}`);
    params.delete('format');
    const { db } = await getDatabase();
    const requested = parseHazardFilter(params, await villageCodes(db));
    const filter = { ...requested, villages: scopedVillages(actor, requested.villages) };
    await checkArea(db, filter);
    const list = await listHazards(db, filter, { limit: MAX_EXPORT_ROWS, offset: 0 });
    const rows = hazardRowsFromCollection(list.collection);
    const body =
      format === 'xlsx'
        ? await toXlsx(rows, HAZARD_EXPORT_COLUMNS, { sheetName: HAZARD_SHEET_NAME })
        : format === 'csv'
          ? toCsv(rows, HAZARD_EXPORT_COLUMNS)
          : hazardsToGeoJson(rows);
    const { type, extension } = FORMATS[format as keyof typeof FORMATS];
    const stamp = new Date().toISOString().slice(0, 10);
    const fileName = `隐患清单-${stamp}.${extension}`;
    return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
      headers: {
        'Content-Type': type,
        'Content-Disposition': `attachment; filename="hazards-${stamp}.${extension}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        'X-Total-Count': String(list.total),
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
