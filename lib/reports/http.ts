import { BadRequestError } from '../api/errors';

export type ReportFormat = 'pdf' | 'xlsx';

export function parseFormat(value: string | null): ReportFormat {
  if (value === 'pdf' || value === 'xlsx') return value;
  throw new BadRequestError(`format must be pdf or xlsx, got "${(value ?? '').slice(0, 20)}"`);
}

const TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A download: the file name in UTF-8 (RFC 5987) with an ASCII fallback. */
export function fileResponse(body: Buffer, format: ReportFormat, name: string, asciiName: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': TYPES[format],
      'Content-Disposition': `attachment; filename="${asciiName}.${format}"; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`,
    },
  });
}
