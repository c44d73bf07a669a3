/** `bytes` random bytes as hex, from the browser's CSPRNG (never Math.random). */
export function randomHex(bytes: number): string {
  const values = new Uint8Array(bytes);
  window.crypto.getRandomValues(values);
  let hex = '';
  for (const b of Array.from(values)) hex += `0${b.toString(16)}`.slice(-2);
  return hex;
}
