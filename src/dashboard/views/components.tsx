/**
 * The pieces every dashboard page is built from: tables, cards, fact lists, badges, pagers, filter
 * fields and one-button forms. Each renders the markup the stylesheet (styles.ts) expects, so a page
 * only says what to show.
 */
import type { Child } from 'hono/jsx';
import type { Text } from '../text.js';
import { Csrf } from './layout.js';

export interface Column {
  label: Child;
  /** Right-aligned numbers. */
  num?: boolean;
  /** Read by screen readers only (a column of buttons). */
  hidden?: boolean;
}

/** A table with a header row; scrolls sideways on narrow screens unless `wrap` is false (inside `<details>`). */
export function Table(props: { columns: Column[]; wrap?: boolean; children?: Child }) {
  const table = (
    <table>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th scope="col" class={c.num ? 'num' : undefined}>
              {c.hidden ? <span class="visually-hidden">{c.label}</span> : c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
  return props.wrap === false ? table : <div class="table-wrap">{table}</div>;
}

/** A card; `title` becomes its heading. */
export function Card(props: { title?: Child; id?: string; role?: string; children?: Child }) {
  return (
    <section class="card" id={props.id} role={props.role}>
      {props.title !== undefined && <h2>{props.title}</h2>}
      {props.children}
    </section>
  );
}

/** Label and value pairs, as a description list. */
export function Facts({ items }: { items: Array<[label: Child, value: Child]> }) {
  return (
    <dl class="facts">
      {items.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}

/** A coloured tag: a queue, a state, a fired rule (`kind` is the stylesheet's class). */
export function Badge({ kind, children }: { kind: string; children?: Child }) {
  return <span class={`badge ${kind}`}>{children}</span>;
}

/** A muted line, for notes under a heading and empty states. */
export function Muted({ children }: { children?: Child }) {
  return <p class="muted">{children}</p>;
}

/** Previous / "page n of m" / next; `link(n)` is page n's URL. */
export function Pager(props: { t: Text; page: number; pages: number; link: (page: number) => string; label?: string }) {
  const { t, page, pages, link } = props;
  return (
    <nav class="pager" aria-label={props.label}>
      {page > 1 && <a href={link(page - 1)}>{t('queue.previous')}</a>}
      <span>{t('queue.page', { page, pages })}</span>
      {page < pages && <a href={link(page + 1)}>{t('queue.next')}</a>}
    </nav>
  );
}

/** A labelled select of a filter form; the empty first option (`any`) means "no filter". */
export function SelectField(props: { name: string; label: string; value: string | undefined; options: Array<[value: string, text: string]>; any: string }) {
  return (
    <span class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.value === value}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );
}

/** A form that is one button (claim, switch off, delete), with the CSRF token and any hidden fields. */
export function PostButton(props: { action: string; csrf: string; label: string; button?: 'secondary' | 'danger'; formClass?: string; fields?: Record<string, string> }) {
  return (
    <form method="post" action={props.action} class={props.formClass}>
      <Csrf token={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.button}>
        {props.label}
      </button>
    </form>
  );
}
