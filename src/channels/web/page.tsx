import type { Language } from '../../flow/languages.js';
import { LEAVE_URL } from './leave-url.js';

export interface PageProps {
  language: { tag: string; dir: 'ltr' | 'rtl' };
  languages: readonly Language[];
  /** A `web:` key in the page language, as plain text. */
  text: (key: string) => string;
  scriptHref: string;
  styleHref: string;
}

/** The chat page. The log starts empty: the token lives in the browser tab, so chat.js fills it. */
export function Page({ language, languages, text, scriptHref, styleHref }: PageProps) {
  return (
    <html lang={language.tag} dir={language.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="color-scheme" content="light" />
        <meta name="description" content={text('web:description')} />
        <title>{text('web:title')}</title>
        <link rel="stylesheet" href={styleHref} />
        <script src={scriptHref} defer></script>
      </head>
      <body>
        <header class="top">
          <h1>{text('web:title')}</h1>
          <form class="lang" method="get">
            <label for="lang" class="visually-hidden">
              {text('web:language')}
            </label>
            <select id="lang" name="lang">
              {languages.map((l) => (
                <option value={l.tag} lang={l.tag} dir={l.dir} selected={l.tag === language.tag}>
                  {l.name}
                </option>
              ))}
            </select>
            <noscript>
              <button type="submit">{text('web:change_language')}</button>
            </noscript>
          </form>
          {/* Always in view (fixed); a plain link, so it leaves even when the script has not run. */}
          <a id="leave" class="leave" href={LEAVE_URL} rel="noreferrer" aria-describedby="privacy-note">
            {text('web:leave')}
          </a>
        </header>
        <main
          id="chat"
          data-error={text('web:error')}
          data-slow-down={text('web:slow_down')}
          data-confirm-restart={text('web:restart_confirm')}
          data-menu={text('web:menu')}
          data-you={text('web:you')}
          data-assistant={text('web:assistant')}
        >
          <noscript>
            <p class="alert">{text('web:noscript')}</p>
          </noscript>
          <ol id="log" class="log" role="log" aria-live="polite" aria-label={text('web:log')}></ol>
          <p id="alert" class="alert" role="alert" hidden></p>
          <form id="composer" class="composer" autocomplete="off">
            <label for="text" class="visually-hidden">
              {text('web:message')}
            </label>
            <input
              id="text"
              name="text"
              type="text"
              dir="auto"
              maxlength={2000}
              enterkeyhint="send"
              placeholder={text('web:placeholder')}
              required
            />
            <button type="submit">{text('web:send')}</button>
          </form>
          <p class="bar">
            <a id="restart" href={`?lang=${encodeURIComponent(language.tag)}`}>
              {text('web:restart')}
            </a>
          </p>
          <p id="privacy-note" class="note">
            {text('web:privacy_note')}
          </p>
        </main>
      </body>
    </html>
  );
}
