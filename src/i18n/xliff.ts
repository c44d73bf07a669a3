/**
 * XLIFF 2.0 (OASIS, core only) for our locale texts: one `<file>` per namespace, one `<unit>` per
 * string (id `namespace:key`), notes saying where the string is used, and the review state on the
 * segment (`initial`, `translated`, `reviewed`, `final`). Reading accepts what CAT tools write back:
 * several segments or ignorables in a unit, `<mrk>` annotations, `<cp>` characters.
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { escapeTyped, toInline, UnitCodes, xmlAttr, xmlText } from './xliff-inline.js';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';

export type SegmentState = 'initial' | 'translated' | 'reviewed' | 'final';
const STATES: readonly SegmentState[] = ['initial', 'translated', 'reviewed', 'final'];

export interface XliffUnitOut {
  id: string;
  source: string;
  target?: string;
  state: SegmentState;
  /** `prefix:value`, e.g. `avrr:english-changed`. */
  subState?: string;
  notes: Array<{ category: string; text: string }>;
}

export interface XliffDocOut {
  srcLang: string;
  trgLang: string;
  files: Array<{ id: string; original: string; notes: string[]; units: XliffUnitOut[] }>;
}

/** The XLIFF 2.0 text of a document. */
export function writeXliff(doc: XliffDocOut): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="${xmlAttr(doc.srcLang)}" trgLang="${xmlAttr(doc.trgLang)}">`,
  ];
  for (const file of doc.files) {
    // canResegment="no": one string is one segment (we read several back all the same).
    lines.push(`  <file id="${xmlAttr(file.id)}" original="${xmlAttr(file.original)}" canResegment="no" xml:space="preserve">`);
    if (file.notes.length) lines.push(`    <notes>${file.notes.map((n) => `<note>${xmlText(n)}</note>`).join('')}</notes>`);
    for (const unit of file.units) {
      const codes = new UnitCodes();
      const source = toInline(unit.source, codes, 'source');
      const target = unit.target === undefined ? undefined : toInline(unit.target, codes, 'target');
      lines.push(`    <unit id="${xmlAttr(unit.id)}">`);
      if (unit.notes.length) {
        const notes = unit.notes.map((n) => `<note category="${xmlAttr(n.category)}">${xmlText(n.text)}</note>`).join('');
        lines.push(`      <notes>${notes}</notes>`);
      }
      if (codes.data.length) {
        lines.push(`      <originalData>${codes.data.map((d) => `<data id="${d.id}">${xmlText(d.value)}</data>`).join('')}</originalData>`);
      }
      const sub = unit.subState ? ` subState="${xmlAttr(unit.subState)}"` : '';
      lines.push(`      <segment state="${unit.state}"${sub}>`);
      lines.push(`        <source>${source}</source>`);
      if (target !== undefined) lines.push(`        <target>${target}</target>`);
      lines.push('      </segment>', '    </unit>');
    }
    lines.push('  </file>');
  }
  lines.push('</xliff>', '');
  return lines.join('\n');
}

export interface XliffUnitIn {
  id: string;
  /** The file (`<file id>`) the unit is in. */
  file: string;
  source: string;
  /** Undefined when no segment has a target. */
  target?: string;
  /** The lowest state of the unit's segments; `initial` when none is given. */
  state: SegmentState;
}

export interface XliffDocIn {
  srcLang: string;
  trgLang: string;
  units: XliffUnitIn[];
  /** Problems that make a unit unreadable, each naming the unit. */
  problems: string[];
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

const children = (node: Node): Node[] => Array.from({ length: node.childNodes.length }, (_, i) => node.childNodes.item(i)).filter((n): n is Node => n !== null);
const isElement = (node: Node): node is Element => node.nodeType === ELEMENT;
const xliffChildren = (node: Node, name: string): Element[] =>
  children(node).filter((n): n is Element => isElement(n) && n.namespaceURI === XLIFF_NS && n.localName === name);

/** The characters of a `<data>` element (text and `<cp>`). */
function dataText(el: Element): string {
  return children(el)
    .map((n) => {
      if (n.nodeType === TEXT || n.nodeType === CDATA) return n.nodeValue ?? '';
      if (isElement(n) && n.localName === 'cp') return String.fromCodePoint(parseInt(n.getAttribute('hex') ?? '0', 16));
      return '';
    })
    .join('');
}

/** Our text from inline content: plain text escaped as typed, codes replaced by their original data. */
function inlineText(el: Element, data: ReadonlyMap<string, string>, problems: string[]): string {
  const ref = (node: Element, attr: string): string => {
    const id = node.getAttribute(attr);
    const value = id === null ? undefined : data.get(id);
    if (value === undefined) {
      problems.push(`<${node.localName} id="${node.getAttribute('id') ?? ''}"> has no original data (${attr}="${id ?? ''}"): keep the codes your tool shows, do not retype them`);
      return '';
    }
    return value;
  };
  return children(el)
    .map((n) => {
      if (n.nodeType === TEXT || n.nodeType === CDATA) return escapeTyped(n.nodeValue ?? '');
      if (!isElement(n)) return '';
      if (n.namespaceURI !== XLIFF_NS) {
        problems.push(`<${n.tagName}> is not XLIFF 2.0 inline content`);
        return '';
      }
      switch (n.localName) {
        case 'ph':
        case 'sc':
        case 'ec':
          return ref(n, 'dataRef');
        case 'pc':
          return ref(n, 'dataRefStart') + inlineText(n, data, problems) + ref(n, 'dataRefEnd');
        case 'mrk':
          return inlineText(n, data, problems);
        case 'sm':
        case 'em':
          return '';
        case 'cp':
          return escapeTyped(String.fromCodePoint(parseInt(n.getAttribute('hex') ?? '0', 16)));
        default:
          problems.push(`<${n.localName}> is not allowed here`);
          return '';
      }
    })
    .join('');
}

/** One unit's source, target and state, from its segments and ignorables in order. */
function readUnit(unit: Element, file: string, problems: string[]): XliffUnitIn | null {
  const id = unit.getAttribute('id') ?? '';
  const local: string[] = [];
  const data = new Map<string, string>();
  for (const od of xliffChildren(unit, 'originalData')) {
    for (const d of xliffChildren(od, 'data')) data.set(d.getAttribute('id') ?? '', dataText(d));
  }
  const parts = children(unit).filter((n): n is Element => isElement(n) && n.namespaceURI === XLIFF_NS && (n.localName === 'segment' || n.localName === 'ignorable'));
  let source = '';
  let target = '';
  let withTarget = 0;
  let segments = 0;
  let state: SegmentState = 'final';
  for (const part of parts) {
    const src = xliffChildren(part, 'source')[0];
    const trg = xliffChildren(part, 'target')[0];
    const text = src ? inlineText(src, data, local) : '';
    source += text;
    if (part.localName === 'segment') {
      segments += 1;
      const given = part.getAttribute('state');
      const s: SegmentState = STATES.find((x) => x === given) ?? 'initial';
      if (STATES.indexOf(s) < STATES.indexOf(state)) state = s;
      if (trg) withTarget += 1;
    }
    // An ignorable without a target stands for itself (whitespace between segments).
    target += trg ? inlineText(trg, data, local) : part.localName === 'ignorable' ? text : '';
  }
  if (segments === 0) state = 'initial';
  for (const p of local) problems.push(`${id}: ${p}`);
  if (withTarget > 0 && withTarget < segments) {
    problems.push(`${id}: ${segments - withTarget} of its ${segments} segments have no target`);
    return null;
  }
  if (local.length) return null;
  return { id, file, source, ...(withTarget > 0 ? { target } : {}), state };
}

/** XML 1.0 line ends only: `\r\n` and `\r` become `\n`; U+2028 and U+0085 stay as written. */
const lineEnds = (text: string): string => text.replace(/\r\n?/g, '\n');

/** Reads an XLIFF 2.0 document; throws an Error with a plain message when it is not one. */
export function readXliff(text: string): XliffDocIn {
  const errors: string[] = [];
  let doc;
  try {
    doc = new DOMParser({
      normalizeLineEndings: lineEnds,
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
  }
  if (!doc || errors.length) throw new Error(`not well-formed XML: ${errors[0] ?? 'no document'}`);
  const root = doc.documentElement;
  if (!root || root.localName !== 'xliff' || root.namespaceURI !== XLIFF_NS) {
    const version = root?.getAttribute('version');
    throw new Error(`not an XLIFF 2.0 document${version ? ` (version ${version}: export again with npm run i18n:export)` : ''}`);
  }
  if (!/^2\.\d+$/.test(root.getAttribute('version') ?? '')) throw new Error(`XLIFF version ${root.getAttribute('version') ?? '?'} is not 2.x`);
  const problems: string[] = [];
  const units: XliffUnitIn[] = [];
  for (const file of xliffChildren(root, 'file')) {
    const walk = (parent: Element): void => {
      for (const child of children(parent)) {
        if (!isElement(child) || child.namespaceURI !== XLIFF_NS) continue;
        if (child.localName === 'group') walk(child);
        if (child.localName === 'unit') {
          const unit = readUnit(child, file.getAttribute('id') ?? '', problems);
          if (unit) units.push(unit);
        }
      }
    };
    walk(file);
  }
  return { srcLang: root.getAttribute('srcLang') ?? '', trgLang: root.getAttribute('trgLang') ?? '', units, problems };
}
