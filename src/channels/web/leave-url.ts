/**
 * Where "Clear and leave" goes: a weather search, as domestic-violence websites send people to an
 * everyday page. Someone glancing at the screen sees the weather, not a blank page that asks
 * "what were you doing?"; the search engine is reachable and ordinary everywhere the service
 * works, and it learns nothing of where the person came from (no Referer: rel="noreferrer" and
 * the page's no-referrer policy). A constant, so there is nothing to configure or get wrong.
 */
export const LEAVE_URL = 'https://www.google.com/search?q=weather';
