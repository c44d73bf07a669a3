/**
 * Where the web chat's token secret comes from: `WEB_TOKEN_SECRET` when set (recommended in
 * production, e.g. `openssl rand -base64 32`), else the oldest entry of the `DATA_ENCRYPTION_KEY`
 * ring. Keys are rotated by prepending, so the oldest entry stays while the data key rotates; when
 * it is finally removed, web chat tokens issued before stop working and those people start over.
 * The signing key is derived from either with HKDF (token.ts), so it is never the data key itself.
 */
export function webTokenSecret(config: { WEB_TOKEN_SECRET?: string | undefined; DATA_ENCRYPTION_KEY?: string | undefined }): string {
  if (config.WEB_TOKEN_SECRET) return config.WEB_TOKEN_SECRET;
  const oldest = (config.DATA_ENCRYPTION_KEY ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .at(-1);
  if (!oldest) throw new Error('the web chat signs its tokens with WEB_TOKEN_SECRET or, when unset, DATA_ENCRYPTION_KEY: set one');
  return oldest;
}
