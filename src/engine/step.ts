import type { ChoiceNode, Flow, FlowNode, InputNode, Item, Operand, RepeatNode, Scalar, Value } from '../flow/schema.js';
import { resolveTarget, type NodeRef } from '../flow/target.js';
import { parseAnswer } from './answers.js';
import { holds, scalarOf } from '../flow/conditions.js';
import { countryName } from './country.js';
import { asciiDigits } from './digits.js';
import { fold } from './normalize.js';
import { NO_KEY, YES_KEY } from '../flow/system-keys.js';
import {
  MULTI_DONE,
  NAV_BACK,
  NAV_MENU,
  type Choice,
  type FlowSet,
  type Inbound,
  type OutEvent,
  type Session,
  type StepContext,
  type StepResult,
} from './types.js';

/** More automatic steps than this in one turn means the flows loop without asking anything. */
const MAX_AUTOMATIC_STEPS = 500;
const COUNTRY_PREFIX = 'country.';
/** The label of a multiple choice's finishing button, unless the node names its own. */
const DONE_KEY = 'common:multi_done';
/** Re-asks of a multiple choice after a press: what is chosen so far, or that nothing is. */
const CHOSEN_KEY = 'common:multi_chosen';
const NOTHING_CHOSEN_KEY = 'common:multi_none';
const MULTI_REASK_KEY = 'common:multi_reask';
/** Questions "Back" can go back through; longer than any flow's path (intake and application included). */
export const MAX_HISTORY = 50;

/** A fresh session in a language. */
export function newSession(language: string): Session {
  return { v: 1, at: null, pending: null, vars: {}, history: [], language, started: false };
}

/** Fully qualifies a locale key written in a flow. */
export function qualify(flow: Flow, key: string): string {
  return key.includes(':') ? key : `${flow.namespace ?? flow.id}:${key}`;
}

/**
 * Runs one turn: applies the inbound to the session and walks the flows until the next question,
 * action or end. Pure: the same input always gives the same output; it never throws on user input.
 */
export function step(flows: FlowSet, session: Session, inbound: Inbound, ctx: StepContext): StepResult {
  return new Turn(flows, structuredClone(session), ctx).handle(inbound);
}

class Turn {
  private readonly events: OutEvent[] = [];

  constructor(
    private readonly set: FlowSet,
    private readonly s: Session,
    private readonly ctx: StepContext,
  ) {}

  handle(inbound: Inbound): StepResult {
    const first = !this.s.started;
    this.s.started = true;
    if (inbound.kind === 'effect_result') this.resume(inbound.vars, inbound.next ?? 'continue');
    else {
      // An action whose result never came back (a crash between two steps) must not trap the user.
      this.s.pending = null;
      if (inbound.kind === 'command') this.command(inbound.command);
      else if (inbound.kind === 'language') this.changeLanguage(inbound.language, first);
      else if (inbound.kind === 'repeat') this.repeat(first);
      else if (inbound.kind === 'choice' && inbound.id === NAV_MENU) this.toMenu();
      else if (inbound.kind === 'choice' && inbound.id === NAV_BACK) this.back();
      else if (this.s.at === null) this.jump(first ? this.set.app.start : this.set.app.menu);
      else if (inbound.kind === 'choice' && inbound.question !== undefined && inbound.question !== String(this.s.asked ?? 0)) {
        // A button of a question answered before: show the open question again instead.
        this.events.push({ type: 'stale', at: this.s.at });
        this.ask(this.s.at);
      }
      else this.answer(this.s.at, inbound);
    }
    return { session: this.s, events: this.events };
  }

  private flow(name: string): Flow | undefined {
    return this.set.flows.get(name);
  }

  private node(ref: NodeRef): FlowNode | undefined {
    return this.flow(ref.flow)?.nodes[ref.node];
  }

  private resolve(from: string, target: string): NodeRef | undefined {
    return resolveTarget(from, target, (f) => this.flow(f)?.start);
  }

  private jump(target: string): void {
    const ref = this.resolve('', target);
    if (ref) this.run(ref);
    else this.fail('missing_node', target);
  }

  private toMenu(): void {
    this.s.history = [];
    this.jump(this.set.app.menu);
  }

  private command(name: string): void {
    const target = this.set.app.commands[name];
    if (target === undefined) {
      this.events.push({ type: 'message', key: 'common:unknown_command', params: { command: name } });
      if (this.s.at) this.ask(this.s.at);
      return;
    }
    this.s.history = [];
    this.jump(target);
  }

  /** A language switch from outside the flows (a picker): the open question is asked again in it. */
  private changeLanguage(language: string, first: boolean): void {
    if (this.ctx.languages.includes(language) && language !== this.s.language) {
      this.s.language = language;
      this.events.push({ type: 'language', language });
      this.events.push({ type: 'message', key: 'common:language_changed', params: {} });
    }
    if (this.s.at) this.ask(this.s.at);
    else this.jump(first ? this.set.app.start : this.set.app.menu);
  }

  private repeat(first: boolean): void {
    if (this.s.at) this.ask(this.s.at);
    else this.jump(first ? this.set.app.start : this.set.app.menu);
  }

  private back(): void {
    const previous = this.s.history.pop();
    if (previous && this.node(previous)) this.ask(previous);
    else if (this.s.at) this.ask(this.s.at);
    else this.toMenu();
  }

  private resume(vars: Record<string, Scalar>, next: 'continue' | 'stop'): void {
    const pending = this.s.pending;
    if (!pending) return this.fail('bad_state', 'an effect result arrived with no action pending');
    this.s.pending = null;
    Object.assign(this.s.vars, vars);
    const node = this.node(pending.at);
    if (next === 'stop' || node?.type !== 'action' || node.next === undefined) {
      this.s.at = null;
      return;
    }
    const ref = this.resolve(pending.at.flow, node.next);
    if (ref) this.run(ref);
    else this.fail('missing_node', node.next);
  }

  private value(operand: Operand): Value {
    if (operand !== null && typeof operand === 'object') return this.s.vars[operand.var] ?? null;
    return operand;
  }

  /** Walks automatic nodes from `start` until something waits for the user. */
  private run(start: NodeRef): void {
    let ref: NodeRef | undefined = start;
    for (let steps = 0; ref; steps++) {
      if (steps > MAX_AUTOMATIC_STEPS) return this.fail('loop', `${ref.flow}.${ref.node}`);
      const at: NodeRef = ref;
      const node = this.node(at);
      const flow = this.flow(at.flow);
      if (!node || !flow) return this.fail('missing_node', `${at.flow}.${at.node}`);
      const go = (target: string | undefined): NodeRef | undefined => {
        if (target === undefined) return undefined;
        const next = this.resolve(at.flow, target);
        if (!next) this.fail('missing_node', target);
        return next;
      };
      this.s.at = null;
      switch (node.type) {
        case 'message':
          this.say(qualify(flow, node.text), { at });
          ref = go(node.next);
          break;
        case 'choice':
        case 'input':
          this.ask(at);
          return;
        case 'set':
          for (const [name, operand] of Object.entries(node.assign)) this.s.vars[name] = this.value(operand);
          ref = go(node.next);
          break;
        case 'branch':
          ref = go(node.cases.find((c) => holds(c.when, this.s.vars))?.next ?? node.default);
          break;
        case 'goto':
          ref = go(node.next);
          break;
        case 'repeat':
          ref = go(this.round(node));
          break;
        case 'action': {
          const params = Object.fromEntries(
            Object.entries(node.params ?? {}).map(([k, v]) => [k, scalarOf(this.value(v))] as const),
          );
          if (node.action === 'set_language') {
            const language = params['language'];
            if (typeof language === 'string' && this.ctx.languages.includes(language)) {
              this.s.language = language;
              this.events.push({ type: 'language', language });
            }
            ref = go(node.next);
            break;
          }
          this.s.pending = { action: node.action, at };
          this.events.push({ type: 'effect', action: node.action, params, at });
          return;
        }
        case 'end':
          if (node.text) this.say(qualify(flow, node.text), { at });
          this.s.history = [];
          this.events.push({ type: 'ended' });
          return;
        default: {
          const unreachable: never = node;
          return this.fail('bad_state', `unknown node ${JSON.stringify(unreachable)}`);
        }
      }
    }
  }

  /**
   * A `repeat` node is reached before the first round and after each one. A round that came back
   * with every field answered is added to the list; then the next round starts (its fields cleared)
   * or, after the last, the node goes on. Reached without a round under way, it starts afresh.
   */
  private round(node: RepeatNode): string {
    const vars = this.s.vars;
    const fields = Object.entries(node.fields);
    const held = vars[node.list];
    const under = vars[node.index];
    let items: Item[] = Array.isArray(held) ? held.filter((i): i is Item => i !== null && typeof i === 'object') : [];
    const finished = fields.every(([, name]) => scalarOf(vars[name]) !== null);
    if (typeof under === 'number' && under === items.length + 1 && finished) {
      items = [...items, Object.fromEntries(fields.map(([field, name]) => [field, scalarOf(vars[name])]))];
      // "Back" from the next round must not reopen this one: it would be counted twice.
      this.s.history = [];
    } else if (typeof under !== 'number' || under !== items.length + 1) {
      items = [];
    }
    const count = scalarOf(vars[node.count]);
    const rounds = Math.min(typeof count === 'number' ? Math.max(0, Math.floor(count)) : 0, node.max);
    vars[node.list] = items;
    for (const [, name] of fields) vars[name] = null;
    if (items.length < rounds) {
      vars[node.index] = items.length + 1;
      return node.body;
    }
    vars[node.index] = null;
    return node.next;
  }

  private say(key: string, extra: Partial<Extract<OutEvent, { type: 'message' }>> = {}): void {
    this.events.push({ type: 'message', key, params: { ...this.s.vars }, ...extra });
  }

  private isMenu(ref: NodeRef): boolean {
    const menu = this.resolve('', this.set.app.menu);
    return menu?.flow === ref.flow && menu.node === ref.node;
  }

  /** Sends a question (or its re-ask, with `key`) and leaves it open. */
  private ask(ref: NodeRef, reask?: { key: string; candidates?: string[]; params?: Record<string, Value> }): void {
    const node = this.node(ref);
    const flow = this.flow(ref.flow);
    if (!flow || !node || (node.type !== 'choice' && node.type !== 'input')) {
      return this.fail('missing_node', `${ref.flow}.${ref.node}`);
    }
    // A question that opens gets a new number; asking the open one again (re-ask, repeat, another
    // language) keeps it, so that message's buttons still answer it.
    const open = this.s.at;
    if (!open || open.flow !== ref.flow || open.node !== ref.node) this.s.asked = (this.s.asked ?? 0) + 1;
    this.s.at = ref;
    this.s.offered = reask?.candidates;
    // Reaching the main menu is a fresh start: "back" from it would lead into a finished flow.
    if (this.isMenu(ref)) this.s.history = [];
    const choices = this.choicesOf(flow, node, reask?.candidates);
    this.say(reask?.key ?? qualify(flow, node.text), {
      ...(reask?.params ? { params: { ...this.s.vars, ...reask.params } } : {}),
      at: ref,
      input: node.type === 'choice' ? (node.multiple ? 'multiple' : 'choice') : node.input,
      question: String(this.s.asked),
      nav: { back: this.s.history.length > 0, menu: !this.isMenu(ref) },
      ...(choices ? { choices } : {}),
      ...(node.type === 'choice' && node.columns ? { columns: node.columns } : {}),
    });
  }

  private choicesOf(flow: Flow, node: ChoiceNode | InputNode, candidates?: string[]): Choice[] | undefined {
    if (node.type === 'choice' && node.multiple) {
      const chosen = this.chosen(node);
      return [
        ...node.choices.map((c) => ({ id: c.id, key: qualify(flow, c.label), selected: chosen.includes(c.value ?? c.id) })),
        { id: MULTI_DONE, key: qualify(flow, node.done ?? DONE_KEY) },
      ];
    }
    if (node.type === 'choice') return node.choices.map((c) => ({ id: c.id, key: qualify(flow, c.label) }));
    if (node.input === 'yes_no') return [{ id: 'yes', key: YES_KEY }, { id: 'no', key: NO_KEY }];
    if (node.input === 'option') return this.optionsOf(node).map((o) => ({ id: o.id, key: null, text: o.text }));
    if (node.input === 'country' && candidates && candidates.length > 0) {
      return candidates.map((code) => ({ id: COUNTRY_PREFIX + code, key: null, text: countryName(code, this.locale()) }));
    }
    return undefined;
  }

  private answer(at: NodeRef, inbound: Inbound): void {
    const node = this.node(at);
    const flow = this.flow(at.flow);
    if (!flow || !node || (node.type !== 'choice' && node.type !== 'input')) {
      // The flows changed under an open question (a deploy): start again from the menu.
      return this.toMenu();
    }
    if (node.type === 'choice' && node.multiple) return this.answerMultiple(at, flow, node, inbound);
    const result = node.type === 'choice' ? this.readChoice(flow, node, inbound) : this.readInput(node, inbound);
    if (!result.ok) {
      this.events.push({ type: 'invalid', at });
      const key = node.reask ? qualify(flow, node.reask) : 'common:reask_choice';
      return this.ask(at, { key, ...(result.candidates ? { candidates: result.candidates } : {}) });
    }
    if (node.var) this.s.vars[node.var] = result.value;
    this.answered(at, node.var ?? null, result.value, result.next);
  }

  /** Records an answer and goes on from the question. */
  private answered(at: NodeRef, name: string | null, value: Value, target: string): void {
    this.events.push({ type: 'answer', at, var: name, value });
    this.s.history.push(at);
    // "Back" goes this far at most: a person who browses in a loop (the topics of "about") would
    // otherwise grow the session, and every turn's copy, encryption and write, without end.
    if (this.s.history.length > MAX_HISTORY) this.s.history.splice(0, this.s.history.length - MAX_HISTORY);
    this.s.offered = undefined;
    const next = this.resolve(at.flow, target);
    if (next) this.run(next);
    else this.fail('missing_node', target);
  }

  /** The values chosen so far in a multiple choice (kept in its variable as they are pressed). */
  private chosen(node: ChoiceNode): Scalar[] {
    const held = node.var ? this.s.vars[node.var] : undefined;
    const values: Scalar[] = node.choices.map((c) => c.value ?? c.id);
    return Array.isArray(held) ? held.filter((v): v is Scalar => values.includes(v as Scalar)) : [];
  }

  /**
   * A multiple choice: a press (or a typed number or label) selects or unselects a choice and asks
   * again with the selection shown; "done" goes on once at least `min` are chosen.
   */
  private answerMultiple(at: NodeRef, flow: Flow, node: ChoiceNode, inbound: Inbound): void {
    const options = [...node.choices.map((c) => ({ id: c.id, label: c.label })), { id: MULTI_DONE, label: node.done ?? DONE_KEY }];
    let id: string | undefined;
    if (inbound.kind === 'choice') id = options.find((o) => o.id === inbound.id)?.id;
    else if (inbound.kind === 'text') {
      const typed = asciiDigits(inbound.text);
      const index = /^\d{1,2}$/.test(typed) ? Number(typed) - 1 : -1;
      const folded = fold(inbound.text);
      id = (options[index] ?? options.find((o) => fold(this.ctx.label(this.s.language, qualify(flow, o.label))) === folded))?.id;
    }
    const chosen = this.chosen(node);
    if (id === undefined || (id === MULTI_DONE && chosen.length < (node.min ?? 0))) {
      this.events.push({ type: 'invalid', at });
      return this.ask(at, { key: node.reask ? qualify(flow, node.reask) : MULTI_REASK_KEY });
    }
    if (id === MULTI_DONE) return this.answered(at, node.var ?? null, chosen, node.next ?? '');
    const choice = node.choices.find((c) => c.id === id);
    if (!choice) return;
    const value: Scalar = choice.value ?? choice.id;
    const exclusive = new Set<Scalar>(node.choices.filter((c) => c.exclusive).map((c) => c.value ?? c.id));
    let next: Scalar[];
    if (chosen.includes(value)) next = chosen.filter((v) => v !== value);
    else if (choice.exclusive) next = [value];
    else next = [...chosen.filter((v) => !exclusive.has(v)), value];
    // Kept in the choices' order, whatever the order of the presses.
    const order: Scalar[] = node.choices.map((c) => c.value ?? c.id);
    next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    if (node.var) this.s.vars[node.var] = next;
    this.ask(at, { key: next.length > 0 ? CHOSEN_KEY : NOTHING_CHOSEN_KEY, params: { selection: next } });
  }

  private readChoice(
    flow: Flow,
    node: ChoiceNode,
    inbound: Inbound,
  ): { ok: true; value: Scalar; next: string } | { ok: false; candidates?: string[] } {
    let chosen: ChoiceNode['choices'][number] | undefined;
    if (inbound.kind === 'choice') chosen = node.choices.find((c) => c.id === inbound.id);
    else if (inbound.kind === 'text') {
      const typed = asciiDigits(inbound.text);
      const index = /^\d{1,2}$/.test(typed) ? Number(typed) - 1 : -1;
      const folded = fold(inbound.text);
      chosen =
        node.choices[index] ??
        node.choices.find((c) => fold(this.ctx.label(this.s.language, qualify(flow, c.label))) === folded);
    }
    return chosen?.next !== undefined ? { ok: true, value: chosen.value ?? chosen.id, next: chosen.next } : { ok: false };
  }

  /** The options an action offered for an option question: its variables that hold a label. */
  private optionsOf(node: InputNode): Array<{ id: string; text: string }> {
    return (node.options ?? []).flatMap((name) => {
      const label = this.s.vars[name];
      return typeof label === 'string' && label.trim() !== '' ? [{ id: name, text: label }] : [];
    });
  }

  /** An option by its button, its number in the list, or its label typed. */
  private readOption(node: InputNode, inbound: Inbound): { ok: true; value: Scalar; next: string } | { ok: false } {
    const options = this.optionsOf(node);
    let chosen: { id: string } | undefined;
    if (inbound.kind === 'choice') chosen = options.find((o) => o.id === inbound.id);
    else if (inbound.kind === 'text') {
      const typed = asciiDigits(inbound.text.trim());
      const folded = fold(inbound.text);
      chosen = (/^\d{1,2}$/.test(typed) ? options[Number(typed) - 1] : undefined) ?? options.find((o) => fold(o.text) === folded);
    }
    return chosen ? { ok: true, value: chosen.id, next: node.next } : { ok: false };
  }

  private readInput(
    node: InputNode,
    inbound: Inbound,
  ): { ok: true; value: Scalar; next: string } | { ok: false; candidates?: string[] } {
    if (node.input === 'option') return this.readOption(node, inbound);
    if (inbound.kind === 'choice') {
      if (node.input === 'yes_no' && (inbound.id === 'yes' || inbound.id === 'no')) {
        return { ok: true, value: inbound.id === 'yes', next: node.next };
      }
      const code = inbound.id.startsWith(COUNTRY_PREFIX) ? inbound.id.slice(COUNTRY_PREFIX.length) : '';
      if (node.input === 'country' && this.s.offered?.includes(code)) return { ok: true, value: code, next: node.next };
      return { ok: false };
    }
    if (inbound.kind !== 'text') return { ok: false };
    const parsed = parseAnswer(node, inbound.text, {
      now: this.ctx.now,
      language: this.locale(),
      yesLabel: this.ctx.label(this.s.language, YES_KEY),
      noLabel: this.ctx.label(this.s.language, NO_KEY),
    });
    return parsed.ok ? { ...parsed, next: node.next } : parsed;
  }

  /** Where country names come from for the person's language (CLDR has none for some, e.g. Romani). */
  private locale(): string {
    return this.ctx.locale?.(this.s.language) ?? this.s.language;
  }

  /** A fault in the flows: the user gets an apology, the session returns to a safe place. */
  private fail(code: 'loop' | 'missing_node' | 'bad_state', detail: string): void {
    this.s.at = null;
    this.s.pending = null;
    this.s.history = [];
    this.events.push({ type: 'error', code, detail });
    this.events.push({ type: 'message', key: 'common:error_apology', params: {} });
  }
}
