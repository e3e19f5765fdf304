import http from 'node:http';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/seed/accounts';
import { PHOTO_MAX_BYTES } from '../lib/photos/process-photo';
import { PLANNER_BODY_LIMIT_BYTES } from '../lib/planning/http';

const servers = inject('servers');

/** A real JPEG of exactly `size` bytes: a small picture followed by comment segments (which decoders skip). */
async function jpegOfSize(size: number): Promise<Uint8Array> {
  const picture = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a73' } })
    .jpeg()
    .toBuffer();
  const parts: Buffer[] = [picture.subarray(0, 2)];
  let length = picture.byteLength;
  while (length < size) {
    // A COM segment: marker, two length bytes that count themselves, at most 65,533 bytes of text.
    const text = Math.min(65_533, size - length - 4);
    if (text < 0) throw new Error('cannot pad by fewer than 4 bytes');
    const segment = Buffer.alloc(4 + text, 0x20);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(text + 2, 2);
    parts.push(segment);
    length += segment.byteLength;
  }
  parts.push(picture.subarray(2));
  const jpeg = Buffer.concat(parts);
  if (jpeg.byteLength !== size) throw new Error(`padded to ${jpeg.byteLength}, not ${size}`);
  return new Uint8Array(jpeg);
}

/** A 30 MB planner body, valid JSON all through, so only its size is wrong. */
const hugePlannerBody = () => new TextEncoder().encode(JSON.stringify({ fixes: [], note: 'x'.repeat(30_000_000) }));

/** Sends `body` in chunks without a Content-Length, as a streaming client does. */
function sendChunked(url: string, cookie: string, body: Uint8Array): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { cookie, 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    // The server may answer and close before the whole body is sent.
    request.on('error', reject);
    for (let offset = 0; offset < body.byteLength; offset += 1 << 20) request.write(body.subarray(offset, offset + (1 << 20)));
    request.end();
  });
}

describe.each(servers)('request bodies up to and beyond their limits on $engine', ({ url }) => {
  let cookie = '';
  let hazardId = 0;

  beforeAll(async () => {
    const signIn = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'office', password: DEMO_PASSWORD }),
    });
    cookie = (signIn.headers.get('set-cookie') ?? '').split(';', 1)[0] ?? '';
    const list = await (await fetch(`${url}/api/v1/hazards?limit=1`, { headers: { cookie } })).json();
    hazardId = list.features[0].properties.id;
  });

  const uploadPhoto = async (bytes: Uint8Array) => {
    const form = new FormData();
    form.set('kind', 'before');
    form.set('file', new File([bytes.slice().buffer], 'large.jpg', { type: 'image/jpeg' }));
    const response = await fetch(`${url}/api/v1/hazards/${hazardId}/photos`, { method: 'POST', headers: { cookie }, body: form });
    return { status: response.status, body: await response.json() };
  };

  it('takes a photo of exactly the largest size, whole', async () => {
    const answer = await uploadPhoto(await jpegOfSize(PHOTO_MAX_BYTES));
    expect(answer).toMatchObject({ status: 201, body: { photo: { hazard_id: hazardId, width: 64, height: 48 } } });
  });

  it('refuses a photo one byte over the limit with 413, naming the limit', async () => {
    const answer = await uploadPhoto(await jpegOfSize(PHOTO_MAX_BYTES + 1));
    expect(answer).toMatchObject({ status: 413, body: { error: expect.stringMatching(/10 MB/) } });
  });

  it('refuses a 30 MB planner body with 413 naming its limit, declared or streamed', async () => {
    const declared = await fetch(`${url}/api/v1/scenarios/evaluate`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: hugePlannerBody(),
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: 'payload_too_large', limit_bytes: PLANNER_BODY_LIMIT_BYTES });
    const streamed = await sendChunked(`${url}/api/v1/scenarios/evaluate`, cookie, hugePlannerBody());
    expect(streamed).toMatchObject({ status: 413, body: { code: 'payload_too_large', limit_bytes: PLANNER_BODY_LIMIT_BYTES } });
  });
});
