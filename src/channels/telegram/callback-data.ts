/**
 * Callback data. A choice button carries `<question number>|<choice id>` so that a press on an old
 * question's button cannot answer the open question (ids such as `yes` repeat); navigation buttons
 * carry their id alone. Ids (lower_snake_case, `nav.back`, `country.XK`) never contain ":" or "|",
 * so page buttons (`pg:<n>`) cannot collide with them.
 */
const PAGE = /^pg:(\d{1,3})$/;

/** The data of a button that shows page `page` (0-based) of a long list. */
export const pageData = (page: number): string => `pg:${page}`;

/** The data of a choice button of question `question` (null: a button of no question). */
export const choiceData = (id: string, question: string | null): string => (question === null ? id : `${question}|${id}`);

/** The choice id and, when the button carried one, the number of its question. */
export function readChoiceData(data: string): { id: string; question?: string } {
  const bar = data.indexOf('|');
  return bar < 0 ? { id: data } : { id: data.slice(bar + 1), question: data.slice(0, bar) };
}

/** The page a page button asks for, or null when the data is a choice id. */
export function readPageData(data: string): number | null {
  const match = PAGE.exec(data);
  return match ? Number(match[1]) : null;
}
