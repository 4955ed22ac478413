import type { ErrorRequestHandler, Request, RequestHandler, Response, Router } from 'express';
import { parseRequestInput } from '#core/api/request-input';
import {
  API_PREFIX,
  type ApiRoute,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '#core/api/route';
import { RequestError } from './request-error';

/** A request whose parameters, query and body its route's schemas have read. */
export type RouteRequest<R extends ApiRoute> = Request<
  RouteParams<R>,
  RouteResponse<R>,
  RouteBody<R>,
  RouteQuery<R>
>;
/** A response whose JSON must be the route's answer (a refusal is thrown: see RequestError). */
export type RouteResponder<R extends ApiRoute> = Response<RouteResponse<R>>;
export type RouteHandler<R extends ApiRoute> = (
  req: RouteRequest<R>,
  res: RouteResponder<R>,
) => void | Promise<void>;

const REQUEST_CHECKS = new WeakSet<RequestHandler>();

/** Whether a handler is a route's request check (tests find a route that has none). */
export const isRequestCheck = (handler: unknown): boolean =>
  typeof handler === 'function' && REQUEST_CHECKS.has(handler as RequestHandler);

/**
 * The agent's one request check: reads the path parameters, query and body
 * by the route's schemas and puts what they read in their place, or refuses
 * with 400 `{ error: 'bad-request', message: '<field>: <reason>', field }`.
 * It runs after the route's guards: nothing is read for a caller who may not call.
 */
export function validateRequest(route: ApiRoute): RequestHandler {
  const check: RequestHandler = (req, _res, next) => {
    const input = parseRequestInput(route, {
      params: req.params,
      query: req.query,
      body: req.body,
    });
    if (!input.ok) {
      const { field, message } = input.problem;
      next(new RequestError(400, 'bad-request', message, { field }));
      return;
    }
    if (route.params) req.params = input.params as Request['params'];
    // express 5 reads the query through a getter on every access: this request's own value shadows it.
    if (route.query)
      Object.defineProperty(req, 'query', {
        value: input.query,
        configurable: true,
        enumerable: true,
      });
    if (route.body) req.body = input.body;
    next();
  };
  REQUEST_CHECKS.add(check);
  return check;
}

/**
 * Registers a route of the contract on a router mounted at /api: its method
 * and path, then `guards` (who may call, body parsers), the request check,
 * and the handler, typed by the route's schemas.
 */
export function serve<R extends ApiRoute>(
  router: Router,
  route: R,
  guards: readonly RequestHandler[],
  handler: RouteHandler<R>,
): void {
  const path = route.path.slice(API_PREFIX.length);
  const method = route.method.toLowerCase() as Lowercase<R['method']>;
  // The handler's types are what validateRequest guarantees; express's own types cannot say so.
  router[method](path, ...guards, validateRequest(route), handler as unknown as RequestHandler);
}

/**
 * An error handler for the end of a router: errors of `kind` (its domain's
 * refusals: a weak password, a folder that cannot be a library) are the
 * client's to fix, passed on as the RequestError `answer` makes of them;
 * anything else passes on as it is.
 */
export function refusals<E extends Error>(
  kind: abstract new (...args: never[]) => E,
  answer: (error: E) => RequestError,
): ErrorRequestHandler {
  return (error: unknown, _req, _res, next) => next(error instanceof kind ? answer(error) : error);
}
