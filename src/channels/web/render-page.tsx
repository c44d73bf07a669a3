import { Page, type PageProps } from './page.js';

/** The page as a complete HTML document. */
export function renderPage(props: PageProps): string {
  return `<!doctype html>${String(<Page {...props} />)}`;
}
