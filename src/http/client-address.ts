/**
 * The client's address, for per-address limits. Behind a proxy the service is configured to trust
 * (CLIENT_IP_HEADER), the proxy's header; otherwise the connection's address (Node's server hands
 * Hono the socket as `c.env.incoming`). Never a header the client could set freely.
 */
import type { Context } from 'hono';
import { z } from 'zod';

const nodeBindings = z.object({ incoming: z.object({ socket: z.object({ remoteAddress: z.string().optional() }) }) });

export function clientAddress(c: Context, header: string | undefined): string {
  if (header) {
    // x-forwarded-for lists the client first; each proxy appends.
    const value = c.req.header(header)?.split(',')[0]?.trim();
    if (value) return value;
  }
  const node = nodeBindings.safeParse(c.env);
  return node.success ? (node.data.incoming.socket.remoteAddress ?? 'unknown') : 'unknown';
}
