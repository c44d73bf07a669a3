/**
 * The app-wide backstop on request bodies, for every route, a route added later included. Each
 * route that reads a body sets its own, smaller limit; this one only makes sure none is unbounded.
 *
 * Not Hono's `bodyLimit` here: for a body sent without a length it reads the whole body (up to the
 * limit) before the route runs, so an app-wide 4 MB would buffer 4 MB on routes whose own limit is
 * 16 KB. This one refuses a declared length at once and counts an undeclared one lazily, as the
 * route reads it: a route's own limit still stops first, and a route that never reads reads nothing.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError, sendError } from './errors.js';

function tooLarge(maxSize: number): ApiError {
  return new ApiError(413, 'too_large', `the body is over ${maxSize} bytes`);
}

export function bodyBackstop(maxSize: number): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const length = c.req.raw.headers.get('content-length');
    if (length !== null && !c.req.raw.headers.has('transfer-encoding')) {
      if (Number(length) > maxSize) return sendError(c, 413, 'too_large', `the body is over ${maxSize} bytes`);
      return next();
    }
    const reader = body.getReader();
    let seen = 0;
    // highWaterMark 0: nothing is read ahead of the route.
    const counted = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          seen += value.byteLength;
          if (seen > maxSize) {
            await reader.cancel();
            return controller.error(tooLarge(maxSize));
          }
          controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    return next();
  };
}

