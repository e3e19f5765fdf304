import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../lib/field/outbox-types';
import { queuedView } from '../../lib/field/queued-view';

let made = 0;
function item(fields: Partial<OutboxItem>): OutboxItem {
  made += 1;
  return {
    id: `item-${made}`,
    kind: 'transition',
    hazardId: 7,
    label: 'YH-7',
    body: null,
    photos: [],
    state: 'pending',
    createdAt: made,
    attempts: 0,
    nextAttemptAt: 0,
    error: null,
    rebase: 0,
    mainDone: false,
    photoAcks: {},
    conflict: null,
    ...fields,
  };
}

const photo = (key: string, kind: 'before' | 'after') => ({ key, kind, sha256: `hash-${key}`, byteSize: 1, width: 1, height: 1 });
const hazard = { id: 7, status: 'pending' as const, version: 3 };

describe('the hazard as the phone shows it while its own changes wait', () => {
  it('with nothing waiting is the server’s hazard', () => {
    const view = queuedView(hazard, [item({ hazardId: 8, body: { to: 'in_progress', version: 1 } })]);
    expect(view).toEqual({ status: 'pending', version: 3, allowedNext: ['in_progress'], fields: {}, photoKinds: [], waiting: 0 });
  });

  it('follows two steps and an edit made offline: status of the last step, version 3 + 3, the edit’s fields', () => {
    const view = queuedView(hazard, [
      item({ body: { to: 'in_progress', note: '', version: 3 } }),
      item({ kind: 'photos', photos: [photo('a', 'after'), photo('b', 'before')], photoAcks: { b: 'hash-b' } }),
      item({ kind: 'edit', body: { responsible_person: '张三', version: 4 } }),
      item({ body: { to: 'awaiting_review', note: '', version: 5 } }),
    ]);
    expect(view.status).toBe('awaiting_review');
    expect(view.version).toBe(6);
    expect(view.allowedNext).toEqual(['closed', 'in_progress']);
    expect(view.fields).toEqual({ responsible_person: '张三' });
    // Photo b is acknowledged already; a is still waiting.
    expect(view.photoKinds).toEqual(['after']);
    expect(view.waiting).toBe(4);
  });

  it('leaves out what is through (synced, or its main request acknowledged) and conflicts set aside', () => {
    const view = queuedView(hazard, [
      item({ state: 'synced', mainDone: true, body: { to: 'in_progress', version: 2 } }),
      item({ state: 'conflict', body: { responsible_person: '李四', version: 2 }, kind: 'edit' }),
      item({ mainDone: true, body: { to: 'in_progress', version: 2 }, photos: [photo('c', 'after')] }),
    ]);
    expect(view).toMatchObject({ status: 'pending', version: 3, fields: {}, photoKinds: ['after'], waiting: 1 });
  });
});
