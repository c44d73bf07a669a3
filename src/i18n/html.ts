const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes a value for Telegram's HTML parse mode and for HTML pages alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => entities[c] ?? c);
}

/** First-strong isolate: keeps a name, number or reference readable inside right-to-left text. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Plain text of a safe-HTML string (what Telegram counts against its limits). */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
