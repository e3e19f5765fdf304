import { listHazards } from '@/db/queries/hazards';
import { queryChoice } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { HAZARD_EXPORT_COLUMNS, HAZARD_SHEET_NAME, hazardRowsFromCollection, hazardsToGeoJson, toCsv, toXlsx } from '@/lib/export';
import { checkArea } from '@/lib/hazards/area';
import { hazardFilter, hazardFilterQuery } from '@/lib/hazards/filter';
import { chinaToday } from '@/lib/time';

export const dynamic = 'force-dynamic';

/** One export holds at most this many hazards (a county's list fits). */
const MAX_EXPORT_ROWS = 100_000;

const FORMATS = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  geojson: { type: 'application/geo+json; charset=utf-8', extension: 'geojson' },
} as const;

const exportQuery = hazardFilterQuery({ format: queryChoice('format', ['xlsx', 'csv', 'geojson']).default('xlsx') });

/**
 * GET /api/v1/hazards/export?format=xlsx|csv|geojson&<the list's filters> — the filtered list as a file with
 * Chinese headers (XLSX, CSV with BOM; cells that Excel would run as formulas are neutralised) or as GeoJSON.
 */
export const GET = route({ permission: 'data:read', query: exportQuery, villages: 'list' }, async ({ db, query, villages }) => {
  const filter = hazardFilter(query, villages);
  const stamp = chinaToday();
  await checkArea(db, filter);
  const list = await listHazards(db, filter, { limit: MAX_EXPORT_ROWS, offset: 0 }, stamp);
  const rows = hazardRowsFromCollection(list.collection);
  const body =
    query.format === 'xlsx'
      ? await toXlsx(rows, HAZARD_EXPORT_COLUMNS, { sheetName: HAZARD_SHEET_NAME })
      : query.format === 'csv'
        ? toCsv(rows, HAZARD_EXPORT_COLUMNS)
        : hazardsToGeoJson(rows);
  const { type, extension } = FORMATS[query.format];
  const fileName = `隐患清单-${stamp}.${extension}`;
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="hazards-${stamp}.${extension}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'X-Total-Count': String(list.total),
    },
  });
});
