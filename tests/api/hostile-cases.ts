import type { Endpoint, ValidRequest } from './every-route-endpoints';

/** A request as it goes on the wire: path parameters, query, headers and body bytes. */
export interface Sent {
  params: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Uint8Array | null;
}

export interface HostileCase {
  name: string;
  sent: Sent;
  /** The statuses that are a right answer; every answer must also carry a known code and a message. */
  expect: readonly number[];
}

const encoder = new TextEncoder();
const NUL = 'a\u0000b';
const BELL = 'a\u0007b';
const BAD_DATES = ['2026-02-30', '0000-01-01', '9999-12-31', '2026-1-5'];
const BAD_MONTHS = ['2026-13', '0000-01', '9999-12'];
const OUT_OF_RANGE_ID = 2_147_483_648;
const LARGEST_ID = 2_147_483_647;
/** A body declared far larger than any limit: refused from the header, before a byte is read. */
const HUGE_LENGTH = String(2 ** 40);

/** The request as bytes, with the Content-Type and Content-Length a client would send. */
export async function encodeRequest(request: ValidRequest): Promise<Sent> {
  const sent: Sent = { params: { ...request.params }, query: { ...request.query }, headers: {} };
  if (request.upload) {
    const form = new FormData();
    for (const [name, value] of Object.entries(request.upload.fields)) form.set(name, value);
    const { name, type, bytes } = request.upload.file;
    form.set('file', new File([bytes.slice().buffer], name, { type }));
    const encoded = new Response(form);
    sent.body = new Uint8Array(await encoded.arrayBuffer());
    sent.headers = { 'content-type': encoded.headers.get('content-type') ?? '' };
  } else if (request.json !== undefined) {
    sent.body = encoder.encode(JSON.stringify(request.json));
    sent.headers = { 'content-type': 'application/json' };
  }
  if (sent.body) sent.headers = { ...sent.headers, 'content-length': String(sent.body.byteLength) };
  return sent;
}

/** Every hostile variation of a valid request: each part spoiled alone, so each refusal has one cause. */
export async function hostileCases(endpoint: Endpoint, valid: ValidRequest): Promise<HostileCase[]> {
  const cases: Array<{ name: string; request: ValidRequest; expect: readonly number[] }> = [
    { name: 'query: an extra parameter with NUL', request: { ...valid, query: { ...valid.query, extra: NUL } }, expect: [400] },
    ...queryCases(valid),
    ...paramCases(endpoint, valid),
    ...(valid.json !== undefined ? jsonLeafCases(valid) : []),
    ...(valid.upload ? uploadFieldCases(valid) : []),
  ];
  const hostile: HostileCase[] = [];
  for (const { name, request, expect } of cases) hostile.push({ name, sent: await encodeRequest(request), expect });
  if (valid.json !== undefined) hostile.push(...(await jsonBodyCases(valid)));
  if (valid.upload) hostile.push(...(await uploadCases(valid)));
  if (endpoint.idempotent) hostile.push(...(await idempotencyKeyCases(valid)));
  return hostile;
}

type Variant = { name: string; request: ValidRequest; expect: readonly number[] };

function queryCases(valid: ValidRequest): Variant[] {
  const variants: Variant[] = [];
  for (const [key, value] of Object.entries(valid.query ?? {})) {
    const withValue = (text: string, expect: readonly number[] = [400]): Variant => ({
      name: `query ${key}=${JSON.stringify(text)}`,
      request: { ...valid, query: { ...valid.query, [key]: text } },
      expect,
    });
    variants.push(withValue(NUL), withValue(BELL), withValue(`${value}\u0000`));
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) variants.push(...BAD_DATES.map((date) => withValue(date)));
    else if (/^\d{4}-\d{2}$/.test(value)) variants.push(...BAD_MONTHS.map((month) => withValue(month)));
    else if (key === 'year') variants.push(withValue('1999'), withValue('9999'), withValue('20261'));
    else if (/^\d+$/.test(value)) variants.push(...[String(OUT_OF_RANGE_ID), '-1', '1e3', 'NaN'].map((text) => withValue(text)));
  }
  return variants;
}

function paramCases(endpoint: Endpoint, valid: ValidRequest): Variant[] {
  const variants: Variant[] = [];
  for (const [key, value] of Object.entries(valid.params ?? {})) {
    const withValue = (text: string, expect: readonly number[] = [400]): Variant => ({
      name: `path ${key}=${JSON.stringify(text)}`,
      request: { ...valid, params: { ...valid.params, [key]: text } },
      expect,
    });
    variants.push(withValue(NUL), withValue(BELL));
    if (/^\d+$/.test(value)) {
      const coordinates = endpoint.pathNumbers === 'coordinates';
      // 0 is a tile coordinate, never a record id.
      const malformed = [String(OUT_OF_RANGE_ID), '-1', '1e3', ' 1', '1.0', '99999999999999999999', ...(coordinates ? [] : ['0', '01'])];
      variants.push(...malformed.map((text) => withValue(text)));
      variants.push(withValue(String(LARGEST_ID), coordinates ? [400] : [404]));
    } else {
      variants.push(withValue('nope', [400, 404]), withValue('../users', [400, 404]));
    }
  }
  return variants;
}

/** The JSON body's leaves, each replaced by values no form sends. */
function jsonLeafCases(valid: ValidRequest): Variant[] {
  const variants: Variant[] = [];
  for (const { path, value } of leaves(valid.json, [])) {
    const key = String(path.at(-1) ?? '');
    const at = path.join('.');
    const withValue = (replacement: unknown, expect: readonly number[]): Variant => ({
      name: `body ${at}=${JSON.stringify(replacement)}`,
      request: { ...valid, json: replaced(valid.json, path, replacement) },
      expect,
    });
    if (typeof value === 'string') {
      variants.push(withValue(`${value}\u0000`, [400]), withValue(BELL, [400]));
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) variants.push(...BAD_DATES.map((date) => withValue(date, [400])));
    } else if (typeof value === 'number') {
      variants.push(withValue(1e308, [400, 422]), withValue(-1e308, [400, 422]));
      if (key === 'version') variants.push(withValue(OUT_OF_RANGE_ID, [400]), withValue(LARGEST_ID, [409]), withValue(1.5, [400]));
      else if (key.endsWith('_id'))
        variants.push(withValue(OUT_OF_RANGE_ID, [400]), withValue(LARGEST_ID, [404, 422]), withValue(0, [400]));
    }
  }
  for (const { path, value } of objects(valid.json, [])) {
    if (typeof value.type === 'string' && 'coordinates' in value) {
      const degenerate = value.type === 'LineString' ? [[112.095, 37.364]] : [[]];
      variants.push({
        name: `body ${path.join('.')}: a degenerate ${value.type}`,
        request: { ...valid, json: replaced(valid.json, path, { ...value, coordinates: degenerate }) },
        expect: [400],
      });
    }
  }
  return variants;
}

function uploadFieldCases(valid: ValidRequest): Variant[] {
  const upload = valid.upload;
  if (!upload) return [];
  const variants: Variant[] = Object.keys(upload.fields).map((field) => ({
    name: `form field ${field} with NUL`,
    request: { ...valid, upload: { ...upload, fields: { ...upload.fields, [field]: NUL } } },
    expect: [400],
  }));
  variants.push(
    {
      name: 'form: a file name with a control character',
      request: { ...valid, upload: { ...upload, file: { ...upload.file, name: `a\u0007${upload.file.name}` } } },
      expect: [400],
    },
    {
      name: 'form: a file that is not what it claims',
      request: { ...valid, upload: { ...upload, file: { ...upload.file, bytes: Uint8Array.from([0, 159, 146, 150, 255, 0, 1]) } } },
      expect: [400, 422],
    },
    {
      name: 'form: an empty file',
      request: { ...valid, upload: { ...upload, file: { ...upload.file, bytes: new Uint8Array() } } },
      expect: [400, 422],
    },
  );
  return variants;
}

/** The whole body spoiled: not JSON, not an object, not UTF-8, not declared as JSON, declared too large. */
async function jsonBodyCases(valid: ValidRequest): Promise<HostileCase[]> {
  const good = await encodeRequest(valid);
  const withBody = (name: string, body: Uint8Array, headers: Record<string, string> = {}): HostileCase => ({
    name,
    sent: {
      ...good,
      body,
      headers: { ...good.headers, 'content-length': String(body.byteLength), ...headers },
    },
    expect: name.startsWith('415') ? [415] : name.startsWith('413') ? [413] : [400],
  });
  const text = (value: string) => encoder.encode(value);
  return [
    withBody('body: truncated JSON', text('{"a":')),
    withBody('body: an array', text('[]')),
    withBody('body: null', text('null')),
    withBody('body: a number', text('1e999')),
    withBody('body: empty', new Uint8Array()),
    withBody('body: bytes that are not UTF-8', Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
    withBody('body: deeply nested', text(`${'['.repeat(20_000)}${']'.repeat(20_000)}`)),
    withBody('415 body: JSON sent as text/plain', good.body ?? new Uint8Array(), { 'content-type': 'text/plain' }),
    withBody('413 body: declared larger than any limit', good.body ?? new Uint8Array(), { 'content-length': HUGE_LENGTH }),
  ];
}

async function uploadCases(valid: ValidRequest): Promise<HostileCase[]> {
  const good = await encodeRequest(valid);
  const headers = good.headers ?? {};
  const { 'content-length': _length, ...withoutLength } = headers;
  return [
    {
      name: 'upload: declared larger than the limit',
      sent: { ...good, headers: { ...headers, 'content-length': HUGE_LENGTH } },
      expect: [413],
    },
    { name: 'upload: without Content-Length', sent: { ...good, headers: withoutLength }, expect: [400, 411] },
    { name: 'upload: sent as JSON', sent: { ...good, headers: { ...headers, 'content-type': 'application/json' } }, expect: [415] },
    {
      name: 'upload: a multipart form that is cut off',
      sent: { ...good, body: good.body?.slice(0, 40), headers: { ...headers, 'content-length': '40' } },
      expect: [400],
    },
  ];
}

/** Keys no client generates: too long, empty, outside printable ASCII. */
async function idempotencyKeyCases(valid: ValidRequest): Promise<HostileCase[]> {
  const good = await encodeRequest(valid);
  return ['k'.repeat(256), ' ', 'clé-1', 'a\tb'].map((key) => ({
    name: `Idempotency-Key ${JSON.stringify(key.slice(0, 20))}`,
    sent: { ...good, headers: { ...good.headers, 'idempotency-key': key } },
    expect: [400],
  }));
}

type Path = Array<string | number>;

function* leaves(value: unknown, path: Path): Generator<{ path: Path; value: unknown }> {
  if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* leaves(item, [...path, index]);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* leaves(item, [...path, key]);
  else yield { path, value };
}

function* objects(value: unknown, path: Path): Generator<{ path: Path; value: Record<string, unknown> }> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* objects(item, [...path, index]);
  } else if (value !== null && typeof value === 'object') {
    yield { path, value: value as Record<string, unknown> };
    for (const [key, item] of Object.entries(value)) yield* objects(item, [...path, key]);
  }
}

/** A deep copy of `value` with the leaf or object at `path` replaced. */
function replaced(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? replaced(item, rest, replacement) : item));
  const object = value as Record<string, unknown>;
  return { ...object, [head as string]: replaced(object[head as string], rest, replacement) };
}
