import { z } from 'zod';
import { getDatabase } from '@/db/client';
import { ImportRejectedError, importHazards } from '@/db/queries/hazard-records';
import { listVillages } from '@/db/queries/villages';
import { BadRequestError, errorResponse } from '@/lib/api/errors';
import { formFile, readUploadForm } from '@/lib/api/upload';
import { auditActor, requestIdOf, requireActor } from '@/lib/auth/request';
import { inScope } from '@/lib/auth/scope';
import { hazardErrorResponse } from '@/lib/hazards/http';
import {
  HAZARD_IMPORT_FIELD_LABELS,
  HAZARD_IMPORT_FIELDS,
  type HazardColumnMapping,
  MAX_IMPORT_BYTES,
  readTable,
  suggestMapping,
  TableReadError,
  validateRows,
} from '@/lib/import';

export const dynamic = 'force-dynamic';

const mappingSchema = z.partialRecord(z.enum(HAZARD_IMPORT_FIELDS), z.number().int().min(0).max(200));

function parseMapping(text: FormDataEntryValue | null): HazardColumnMapping | null {
  if (text === null || text === '') return null;
  try {
    const result = mappingSchema.safeParse(JSON.parse(String(text)));
    if (result.success) return result.data as HazardColumnMapping;
  } catch {
    // fall through
  }
  throw new BadRequestError(`mapping must be a JSON object from field (${HAZARD_IMPORT_FIELDS.join(', ')}) to column index`);
}

/**
 * POST /api/v1/hazards/import (multipart: file = .xlsx or .csv, mapping = JSON field → column index, commit =
 * true|false). Without commit it only checks: the headers, the mapping (suggested from the headers unless given)
 * and a validation report of every bad cell. With commit it imports all rows or none (422 with the report).
 */
export async function POST(request: Request) {
  try {
    const actor = await requireActor(request, 'hazards:verify');
    const form = await readUploadForm(request, MAX_IMPORT_BYTES);
    const file = await formFile(form);
    const table = await readTable(file.bytes, file.name);
    const mapping = parseMapping(form.get('mapping')) ?? suggestMapping(table.headers);
    const { db } = await getDatabase();
    const villages = (await listVillages(db)).filter((v) => inScope(actor, v.code));
    const { inputs, errors } = validateRows(table, mapping, {
      villagesByCode: new Map(villages.map((v) => [v.code, v.name])),
      villagesByName: new Map(villages.map((v) => [v.name, v.code])),
    });
    const report = {
      file: file.name,
      headers: table.headers,
      mapping,
      fields: HAZARD_IMPORT_FIELD_LABELS,
      rows: table.rows.length,
      valid: inputs.length,
      errors,
    };
    if (form.get('commit') !== 'true') return Response.json(report);
    if (errors.length > 0)
      return Response.json({ ...report, error: 'nothing was imported: fix the rows listed in errors' }, { status: 422 });
    try {
      const result = await importHazards(db, inputs, {
        actor: auditActor(actor),
        villages: actor.villages,
        requestId: requestIdOf(request),
        fileName: file.name,
      });
      return Response.json({ ...report, created: result.created }, { status: 201 });
    } catch (error) {
      if (!(error instanceof ImportRejectedError)) throw error;
      const problems = error.problems.map((p) => ({ row: p.row, column: '', message: p.message }));
      return Response.json({ ...report, errors: problems, error: error.message }, { status: 422 });
    }
  } catch (error) {
    if (error instanceof TableReadError) return errorResponse(new BadRequestError(error.message));
    return hazardErrorResponse(error);
  }
}
