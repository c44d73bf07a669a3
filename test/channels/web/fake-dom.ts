/**
 * Just enough DOM to run chat.js in a vm context: no DOM library is installed, and the script
 * only uses a small, stable part of the API.
 */
type Listener = (event: { target: unknown; preventDefault(): void }) => void;

export class FakeElement {
  children: FakeElement[] = [];
  parent: FakeElement | null = null;
  attributes = new Map<string, string>();
  listeners = new Map<string, Listener[]>();
  dataset: Record<string, string> = {};
  className = '';
  classes = new Set<string>();
  text = '';
  html: string | null = null;
  hidden = false;
  disabled = false;
  value = '';
  lang = '';
  dir = '';
  type = '';
  id = '';
  classList = { add: (c: string) => this.classes.add(c), remove: (c: string) => this.classes.delete(c) };

  constructor(readonly tagName: string) {}
  set textContent(value: string) {
    this.children = [];
    this.html = null;
    this.text = value;
  }
  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
  set innerHTML(value: string) {
    this.children = [];
    this.html = value;
  }
  appendChild(child: FakeElement) {
    child.parent = this;
    this.children.push(child);
    return child;
  }
  remove() {
    if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this);
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  removeAttribute(name: string) {
    this.attributes.delete(name);
  }
  all(): FakeElement[] {
    return this.children.flatMap((c) => [c, ...c.all()]);
  }
  querySelectorAll(selector: string) {
    const tag = selector.split(':')[0] ?? '';
    return this.all().filter((e) => e.tagName === tag && !(selector.includes(':not(:disabled)') && e.disabled));
  }
  querySelector(selector: string) {
    return this.querySelectorAll(selector)[0] ?? null;
  }
  closest(tag: string): FakeElement | null {
    return this.tagName === tag ? this : (this.parent?.closest(tag) ?? null);
  }
  contains(other: FakeElement) {
    return this.all().includes(other);
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string, target: unknown = this) {
    for (const l of this.listeners.get(type) ?? []) l({ target, preventDefault() {} });
  }
  /** A click bubbles up to the listeners of every ancestor. */
  click() {
    const chain: FakeElement[] = [];
    for (let e: FakeElement | null = this.parent; e; e = e.parent) chain.push(e);
    for (const e of [this as FakeElement, ...chain]) e.dispatch('click', this);
  }
  scrollIntoView() {}
  focus() {}
}

export function fakeDocument(lang: string, strings: Record<string, string>) {
  const byId = new Map<string, FakeElement>();
  const make = (tag: string, id: string) => {
    const el = new FakeElement(tag);
    el.id = id;
    byId.set(id, el);
    return el;
  };
  const chat = make('main', 'chat');
  chat.dataset = { ...strings };
  make('ol', 'log');
  make('form', 'composer');
  make('input', 'text');
  make('p', 'alert').hidden = true;
  make('select', 'lang').value = lang;
  make('a', 'restart');
  const document = {
    documentElement: { lang },
    body: new FakeElement('body'),
    activeElement: null,
    getElementById: (id: string) => byId.get(id) ?? null,
    createElement: (tag: string) => new FakeElement(tag),
  };
  return { document, byId };
}
