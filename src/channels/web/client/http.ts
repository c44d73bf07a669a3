/** The page's one way to call the chat API. */

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An answer that is not 2xx; the status says what to do (401: the token is not valid). */
export class HttpError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`HTTP ${status}`);
    this.status = status;
  }
}

/**
 * One retry after a network failure, with the same body and so the same message id: the server
 * recognises a repeated id and does not act twice. An HTTP error is not retried.
 */
export async function requestJson(url: string, init: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    await wait(1000);
    res = await fetch(url, init);
  }
  if (!res.ok) throw new HttpError(res.status);
  return res.json() as Promise<unknown>;
}

/** The API path with the page's language, which the server takes as a hint for new conversations. */
export function apiUrl(path: string, pageLang: string): string {
  return `${path}${path.indexOf('?') < 0 ? '?' : '&'}lang=${encodeURIComponent(pageLang)}`;
}
