import { say } from '../i18n/say';
import { refuseControlText } from './control-text';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';
import { mediaType } from './json-body';

/** Room for the form's own boundaries and small fields on top of the largest file. */
export const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * Reads a multipart form after checking its declared size, so an oversized upload is refused without
 * being buffered. `limitBytes` is the largest file; the form's own overhead is allowed on top.
 */
export async function readUploadForm(request: Request, limitBytes: number): Promise<FormData> {
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (!Number.isFinite(length)) throw new BadRequestError(say('上传必须声明 Content-Length', 'the upload must declare its Content-Length'));
  if (length > limitBytes + FORM_OVERHEAD_BYTES) throw new PayloadTooLargeError(limitBytes, say('上传内容', 'the upload'));
  if (mediaType(request) !== 'multipart/form-data') {
    throw new UnsupportedMediaTypeError(
      say('上传必须是带“file”字段的 multipart/form-data', 'the upload must be multipart/form-data with a "file" field'),
    );
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new BadRequestError(say('上传内容不是可读取的 multipart 表单', 'the upload is not a readable multipart form'));
  }
  const texts = [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  refuseControlText(Object.fromEntries(texts), () => say('表单', 'the form'));
  return form;
}

/** The form's "file" field as bytes, with its name (which reports and the audit log keep, so it is text too). */
export async function formFile(form: FormData, field = 'file'): Promise<{ bytes: Uint8Array; name: string }> {
  const file = form.get(field);
  if (!(file instanceof File)) throw new BadRequestError(say(`表单需要文件字段“${field}”`, `the form needs a "${field}" file field`));
  refuseControlText({ [`${field}.name`]: file.name }, () => say('文件名', 'the file name'));
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
}
