import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { plateRecord, plateRecords } from '../../db/queries/plates';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../db/seed/accounts';
import { SESSION_COOKIE } from '../../lib/auth/session-token';
import { signIn } from '../../lib/auth/sign-in';
import { platesPdf } from '../../lib/plates/plates-pdf';
import { testEngines } from '../helpers/engines';
import { MINI_V1, MINI_V2, writeMiniTown } from '../town/mini-town';

// The real route module, over the test's database instead of the configured one.
const database = vi.hoisted(() => ({ handle: null as DatabaseHandle | null }));
vi.mock('../../db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../db/client')>()),
  getDatabase: async () => {
    if (!database.handle) throw new Error('no test database open');
    return database.handle;
  },
}));
const { GET: platesRoute } = await import('../../app/api/v1/plates/route');

const ORIGIN = 'http://app.test';

async function getPlates(token: string, village: string) {
  const request = new Request(`${ORIGIN}/api/v1/plates?village=${village}`, {
    headers: { 'x-request-id': 'req-plates', cookie: `${SESSION_COOKIE}=${token}` },
  });
  return platesRoute(request);
}

interface Gray {
  width: number;
  height: number;
  dark: Uint8Array;
}
interface Block {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

// Wider than any white line inside a QR code (its timing patterns allow at most one module, ~8 px at 150 dpi).
const GAP_PX = 16;

/** Runs of indexes whose count of dark pixels is above zero, split where at least GAP_PX in a row are empty. */
function runs(counts: number[], offset: number): [number, number][] {
  const found: [number, number][] = [];
  let start = -1;
  let empty = 0;
  counts.forEach((count, index) => {
    if (count > 0) {
      if (start < 0) start = index;
      empty = 0;
    } else if (start >= 0 && ++empty >= GAP_PX) {
      found.push([offset + start, offset + index - empty + 1]);
      start = -1;
    }
  });
  if (start >= 0) found.push([offset + start, offset + counts.length - empty]);
  return found;
}

/** Cuts a page along its blank rows and columns, again and again, into the blocks of ink it is made of. */
function inkBlocks(image: Gray, block: Block, horizontal = true, depth = 0): Block[] {
  const { x0, y0, x1, y1 } = block;
  const counts = horizontal ? new Array(x1 - x0).fill(0) : new Array(y1 - y0).fill(0);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) if (image.dark[y * image.width + x]) counts[horizontal ? x - x0 : y - y0]++;
  }
  const parts = runs(counts, horizontal ? x0 : y0).map(([a, b]) => (horizontal ? { x0: a, x1: b, y0, y1 } : { x0, x1, y0: a, y1: b }));
  if (parts.length === 1 && depth > 0) {
    const [only] = parts;
    if (only!.x1 - only!.x0 === x1 - x0 && only!.y1 - only!.y0 === y1 - y0) return [only!];
  }
  if (depth > 8) return parts;
  return parts.flatMap((part) => inkBlocks(image, part, !horizontal, depth + 1));
}

/** A block of the page as RGBA with a white margin around it (the quiet zone a reader needs). */
function crop(rgba: Uint8Array, width: number, block: Block, margin = 24) {
  const w = block.x1 - block.x0 + 2 * margin;
  const h = block.y1 - block.y0 + 2 * margin;
  const out = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let y = block.y0; y < block.y1; y++) {
    const from = (y * width + block.x0) * 4;
    out.set(rgba.subarray(from, from + (block.x1 - block.x0) * 4), ((y - block.y0 + margin) * w + margin) * 4);
  }
  return { data: out, width: w, height: h };
}

/**
 * Every QR code on the PDF's pages, read as a phone would read the printout: each page rasterised by poppler at
 * 150 dpi, cut along blank lines into blocks of ink (knowing nothing of the layout), and each block given to jsQR.
 */
async function decodeQrCodes(pdf: Buffer): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plates-'));
  try {
    fs.writeFileSync(path.join(dir, 'plates.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '150', '-png', path.join(dir, 'plates.pdf'), path.join(dir, 'page')]);
    const found: string[] = [];
    for (const file of fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.png'))
      .sort()) {
      const { data, info } = await sharp(path.join(dir, file)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const dark = new Uint8Array(info.width * info.height);
      for (let i = 0; i < dark.length; i++) dark[i] = data[i * 4]! < 128 && data[i * 4 + 1]! < 128 && data[i * 4 + 2]! < 128 ? 1 : 0;
      const page = { width: info.width, height: info.height, dark };
      for (const block of inkBlocks(page, { x0: 0, y0: 0, x1: info.width, y1: info.height })) {
        const image = crop(data, info.width, block);
        const code = jsQR(image.data, image.width, image.height);
        if (code) found.push(code.data);
      }
    }
    return found;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(testEngines)('house plates (一户一码) on $name (mini town)', (engine) => {
  let office: string;
  let villageOfficer: string;
  beforeAll(async () => {
    database.handle = await engine.open();
    await seedIfEmpty(database.handle.db, writeMiniTown());
    await ensureDemoAccounts(database.handle.db);
    const session = async (username: string) =>
      (await signIn(database.handle!.db, { username, password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
    office = await session('office');
    villageOfficer = await session('village');
  });
  afterAll(async () => {
    await database.handle?.close();
    database.handle = null;
  });

  /** The app addresses the village's plates must carry, from the database itself. */
  async function expectedUrls(village: string): Promise<string[]> {
    const db = database.handle!.db;
    const buildings = await db.selectFrom('buildings').select('code').where('village_code', '=', village).execute();
    const units = await db.selectFrom('social_units').select('code').where('village_code', '=', village).execute();
    return [
      ...buildings.map((row) => `${ORIGIN}/p/b/${encodeURIComponent(row.code)}`),
      ...units.map((row) => `${ORIGIN}/p/u/${encodeURIComponent(row.code)}`),
    ].sort();
  }

  it.each([MINI_V1, MINI_V2])('prints a QR plate for every building and social unit of village %s, and nothing else', async (village) => {
    const response = await getPlates(office, village);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const expected = await expectedUrls(village);
    expect(expected.length).toBeGreaterThan(0);
    expect((await decodeQrCodes(pdf)).sort()).toEqual(expected);
  });

  it('gives a village officer the plates of their own village and refuses another village with 403', async () => {
    const [own] = (
      await database.handle!.db.selectFrom('users').select('villages').where('username', '=', 'village').executeTakeFirstOrThrow()
    ).villages as string[];
    expect((await getPlates(villageOfficer, own!)).status).toBe(200);
    const other = own === MINI_V1 ? MINI_V2 : MINI_V1;
    const refused = await getPlates(villageOfficer, other);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'forbidden' });
  });

  it('opens the record a plate names with its open hazards, and not a record of another village', async () => {
    const db = database.handle!.db;
    const building = await db.selectFrom('buildings').select(['id', 'code', 'village_code']).orderBy('code').executeTakeFirstOrThrow();
    const open = await db
      .selectFrom('hazards')
      .select('code')
      .where('building_id', '=', building.id)
      .where('status', '<>', 'closed')
      .execute();
    const record = await plateRecord(db, 'building', building.code, null);
    expect(record?.code).toBe(building.code);
    expect(record?.openHazards.map((hazard) => hazard.code).sort()).toEqual(open.map((hazard) => hazard.code).sort());
    const elsewhere = building.village_code === MINI_V1 ? MINI_V2 : MINI_V1;
    expect(await plateRecord(db, 'building', building.code, [elsewhere])).toBeUndefined();
    expect(await plateRecord(db, 'unit', 'NO-SUCH-UNIT', null)).toBeUndefined();
  });

  it('lists every plate of the user’s villages with its open hazards, the way one plate reads', async () => {
    const db = database.handle!.db;
    const records = await plateRecords(db, [MINI_V1]);
    const buildings = await db.selectFrom('buildings').select('code').where('village_code', '=', MINI_V1).execute();
    const units = await db.selectFrom('social_units').select('code').where('village_code', '=', MINI_V1).execute();
    expect(records.map((record) => `${record.kind}:${record.code}`).sort()).toEqual(
      [...buildings.map((row) => `building:${row.code}`), ...units.map((row) => `unit:${row.code}`)].sort(),
    );
    for (const record of records) expect(record).toEqual(await plateRecord(db, record.kind, record.code, [MINI_V1]));
    expect(await plateRecords(db, [])).toEqual([]);
  });
});

describe('a sheet of plates longer than a page', () => {
  it('goes on to further A4 pages and keeps every code readable', async () => {
    const plates = Array.from({ length: 14 }, (_, i) => ({
      kind: i % 2 ? ('unit' as const) : ('building' as const),
      code: `C-${i + 1}`,
      name: `第${i + 1}户`,
    }));
    const pdf = await platesPdf({ village: { code: 'V', name: '示例村' }, plates }, ORIGIN);
    const pages = execFileSync('pdfinfo', ['-'], { input: pdf })
      .toString()
      .match(/^Pages:\s+(\d+)/m)?.[1];
    expect(pages).toBe('2');
    const expected = plates.map((plate) => `${ORIGIN}/p/${plate.kind === 'building' ? 'b' : 'u'}/${plate.code}`).sort();
    expect((await decodeQrCodes(pdf)).sort()).toEqual(expected);
  });
});
