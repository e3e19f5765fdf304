import { BadRequestError } from '../api/errors';
import { say } from '../i18n/say';

export type ReportFormat = 'pdf' | 'xlsx';

export function parseFormat(value: string | null): ReportFormat {
  if (value === 'pdf' || value === 'xlsx') return value;
  throw new BadRequestError(
    say(
      `format 必须是 pdf 或 xlsx，收到的是“${(value ?? '').slice(0, 20)}”`,
      `format must be pdf or xlsx, got "${(value ?? '').slice(0, 20)}"`,
    ),
  );
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
