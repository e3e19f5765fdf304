import { z } from 'zod';
import { listVillages } from '@/db/queries/villages';
import { BadRequestError } from '@/lib/api/errors';
import { jsonText } from '@/lib/api/json-body';
import { route } from '@/lib/api/route';
import { formFile } from '@/lib/api/upload';
import { auditActor } from '@/lib/auth/request';
import { inScope } from '@/lib/auth/scope';
import { commitImport, ImportRefusedError } from '@/lib/hazards/import-commit';
import { say } from '@/lib/i18n/say';
import {
  HAZARD_IMPORT_FIELD_LABELS,
  HAZARD_IMPORT_FIELDS,
  type HazardColumnMapping,
  MAX_IMPORT_BYTES,
  readTable,
  suggestMapping,
  validateRows,
  villageLookup,
} from '@/lib/import';

export const dynamic = 'force-dynamic';

const mappingSchema = jsonText(z.partialRecord(z.enum(HAZARD_IMPORT_FIELDS), z.number().int().min(0).max(200)));

function parseMapping(value: FormDataEntryValue | null): HazardColumnMapping | null {
  if (value === null || value === '') return null;
  const result = mappingSchema.safeParse(value);
  if (!result.success) {
    throw new BadRequestError(
      say(
        `mapping 必须是从字段（${HAZARD_IMPORT_FIELDS.join('、')}）到列序号的 JSON 对象`,
        `mapping must be a JSON object from field (${HAZARD_IMPORT_FIELDS.join(', ')}) to column index`,
      ),
    );
  }
  return result.data as HazardColumnMapping;
}

/**
 * POST /api/v1/hazards/import (multipart: file = .xlsx or .csv, mapping = JSON field → column index, commit =
 * true|false). Without commit it only checks: the headers, the mapping (suggested from the headers unless given)
 * and a validation report of every bad cell. With commit it imports all rows or none (422 with the report).
 */
export const POST = route(
  { permission: 'hazards:verify', upload: { limitBytes: MAX_IMPORT_BYTES } },
  async ({ db, form, actor, requestId }) => {
    const file = await formFile(form);
    const table = await readTable(file.bytes, file.name);
    const mapping = parseMapping(form.get('mapping')) ?? suggestMapping(table.headers);
    const villages = (await listVillages(db)).filter((village) => inScope(actor, village.code));
    const { inputs, errors } = validateRows(table, mapping, villageLookup(villages));
    const fields = HAZARD_IMPORT_FIELD_LABELS;
    const report = { file: file.name, headers: table.headers, mapping, fields, rows: table.rows.length, valid: inputs.length, errors };
    if (form.get('commit') !== 'true') return Response.json(report);
    if (errors.length > 0)
      throw new ImportRefusedError(
        say('未导入任何数据：请修正 errors 中列出的行', 'nothing was imported: fix the rows listed in errors'),
        report,
      );
    const context = { actor: auditActor(actor), villages: actor.villages, requestId, fileName: file.name };
    const { created } = await commitImport(db, inputs, report, context);
    return Response.json({ ...report, created }, { status: 201 });
  },
);
