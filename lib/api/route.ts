import type { z } from 'zod';
import { type DatabaseHandle, getDatabase } from '../../db/client';
import { villageCodes } from '../../db/queries/villages';
import type { Db } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { behalfActor } from '../auth/on-behalf';
import { type Access, actorFromRequest, hasCredentials, requestIdOf, requireActor } from '../auth/request';
import { scopedVillages } from '../auth/scope';
import { say } from '../i18n/say';
import { parseOneVillage } from '../screen/params';
import { refuseControlText } from './control-text';
import { errorResponse } from './error-table';
import { DatabaseUnavailableError, UnauthorizedError } from './errors';
import { parseOrThrow } from './field-errors';
import { answerOnce, idempotencyKeyOf, requestFingerprint } from './idempotency';
import { readJsonBody } from './json-body';
import { parseVillages } from './params';
import { parseQuery } from './query';
import { inLocale, requestLocale } from './request-locale';
import { readUploadForm } from './upload';

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** The `village` query parameter a route takes: a list, at most one, or exactly one. */
export type VillageParam = 'list' | 'one' | 'one-required';

export interface UploadOptions {
  /** Largest file in the multipart form. */
  limitBytes: number;
}

export interface RouteOptions<
  A extends Access,
  P extends Schema,
  Q extends Schema,
  B extends Schema,
  U extends UploadOptions | undefined,
  V extends VillageParam | undefined,
> {
  /** Who may call it; `public` routes (sign-in, health) get the actor only if one is signed in. */
  permission: A;
  /** Path parameters, e.g. `z.object({ id: pathId('hazard id') })`. */
  params?: P;
  /** Query parameters, a schema of the helpers in `query.ts`. */
  query?: Q;
  /** A JSON body (Content-Type: application/json) of at most `bodyLimit` bytes. */
  body?: B;
  bodyLimit?: number;
  /** A multipart upload instead of a JSON body. */
  upload?: U;
  /** The `village` parameter the route takes; without it the route sees the actor's own scope. */
  villages?: V;
  /**
   * A write a client may retry: with an `Idempotency-Key` header the first answer is stored with the handler's
   * writes (the handler's `db` is then that transaction) and replayed for the same user, key and request.
   */
  idempotent?: boolean;
}

export interface RouteContext<
  A extends Access,
  P extends Schema,
  Q extends Schema,
  B extends Schema,
  U extends UploadOptions | undefined,
  V extends VillageParam | undefined,
> {
  request: Request;
  /** The proxy's id of this request: for the audit log, and named in any 5xx answer and its log line. */
  requestId: string;
  handle: DatabaseHandle;
  db: Db;
  actor: A extends 'public' ? Actor | null : Actor;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  form: U extends UploadOptions ? FormData : undefined;
  /**
   * The villages the request may touch: those asked for, within the actor's scope (403 for any other);
   * none asked for gives the actor's own, and an empty list means the whole town (town-wide users only).
   */
  villages: A extends 'public' ? undefined : string[];
  /** The one village asked for (`one`, `one-required`). */
  village: V extends 'one-required' ? string : string | null;
}

/** What Next hands a route handler besides the request. */
interface RouteSegment {
  params?: Promise<Record<string, string | string[] | undefined>>;
}

export type RouteHandler = (request: Request, segment?: RouteSegment) => Promise<Response>;

async function open(database: () => Promise<DatabaseHandle>): Promise<DatabaseHandle> {
  try {
    return await database();
  } catch (error) {
    throw new DatabaseUnavailableError(error);
  }
}

async function villageScope(db: Db, actor: Actor, search: URLSearchParams, param: VillageParam | undefined) {
  if (!param) return { villages: scopedVillages(actor, []), village: null };
  const known = await villageCodes(db);
  if (param === 'list') return { villages: scopedVillages(actor, parseVillages(search, known)), village: null };
  const village = parseOneVillage(search, known, param === 'one-required');
  return { villages: scopedVillages(actor, village ? [village] : []), village };
}

/**
 * API answers depend on who asks and change with every edit, so no cache (the browser's, or a proxy's) keeps
 * one unless its route says otherwise (tiles are `private`, the maplibre worker is immutable).
 */
function uncachedByDefault(response: Response): Response {
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
  return response;
}

/**
 * Each use of a personal API token goes to the log with the token's name, so the office can tell which desktop
 * or script read what (reads are not audited: the audit log records changes).
 */
function logTokenUse(request: Request, requestId: string, actor: Actor): void {
  const { pathname, search } = new URL(request.url);
  console.info(`[${requestId}] token "${actor.token?.name}" of ${actor.username}: ${request.method} ${pathname}${search}`);
}

/**
 * The route wrapper over a way to open the database (the app's one, or a test's). In this order: sign-in and
 * permission (401/403; a session cookie or a personal API token, without either before the database is touched), path parameters, query,
 * village scope, body; then the handler. Whatever is thrown is answered through the one error table, and every
 * message is written in the user's language (`requestLocale`).
 */
export function routeWith(database: () => Promise<DatabaseHandle>) {
  return function route<
    const A extends Access,
    P extends Schema = undefined,
    Q extends Schema = undefined,
    B extends Schema = undefined,
    U extends UploadOptions | undefined = undefined,
    V extends VillageParam | undefined = undefined,
  >(options: RouteOptions<A, P, Q, B, U, V>, handler: (context: RouteContext<A, P, Q, B, U, V>) => Promise<Response>): RouteHandler {
    if (options.body && options.upload) throw new Error('a route reads a JSON body or an upload, not both');
    const isPublic = options.permission === 'public';
    if (options.idempotent && isPublic) throw new Error('an idempotent route keeps answers per user, so it needs a permission');

    async function contextOf(request: Request, segment: RouteSegment | undefined, requestId: string) {
      const behalf = behalfActor();
      if (!isPublic && !behalf && !hasCredentials(request)) throw new UnauthorizedError();
      const handle = await open(database);
      const signedIn = behalf ?? (await actorFromRequest(request, handle.db));
      const actor = options.permission === 'public' ? signedIn : requireActor(signedIn, options.permission);
      if (actor?.token) logTokenUse(request, requestId, actor);
      const search = new URL(request.url).searchParams;
      refuseControlText(Object.fromEntries([...search.keys()].map((key) => [key, search.getAll(key).join(',')])), () =>
        say('查询参数', 'the query'),
      );
      const rawParams = (await segment?.params) ?? {};
      refuseControlText(rawParams, () => say('路径', 'the path'));
      const params = options.params ? parseOrThrow(options.params, rawParams) : undefined;
      const query = options.query ? parseQuery(search, options.query) : undefined;
      const scope =
        actor && !isPublic ? await villageScope(handle.db, actor, search, options.villages) : { villages: undefined, village: null };
      const idempotencyKey = options.idempotent ? idempotencyKeyOf(request) : null;
      const body = options.body ? await readJsonBody(request, options.body, options.bodyLimit) : undefined;
      const form = options.upload ? await readUploadForm(request, options.upload.limitBytes) : undefined;
      // The conditional types of RouteContext are decided by the options the values above were read by.
      const context = { request, requestId, handle, db: handle.db, actor, params, query, body, form, ...scope } as RouteContext<
        A,
        P,
        Q,
        B,
        U,
        V
      >;
      return { context, idempotencyKey };
    }

    async function answer(request: Request, segment: RouteSegment | undefined, requestId: string): Promise<Response> {
      const { context, idempotencyKey } = await contextOf(request, segment, requestId);
      if (idempotencyKey === null || !context.actor) return handler(context);
      const owner = { userId: context.actor.userId, key: idempotencyKey };
      const fingerprint = await requestFingerprint(request, context.body, context.form);
      return answerOnce(context.db, owner, fingerprint, (trx) => handler({ ...context, db: trx }));
    }

    return (request, segment) =>
      inLocale(requestLocale(request), async () => {
        const requestId = requestIdOf(request);
        try {
          return uncachedByDefault(await answer(request, segment, requestId));
        } catch (error) {
          return uncachedByDefault(errorResponse(error, request, requestId));
        }
      });
  };
}

/** Every route under app/api: `export const GET = route({ permission, query, … }, async ({ db, query }) => …)`. */
export const route = routeWith(getDatabase);
