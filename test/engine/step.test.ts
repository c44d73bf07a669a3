import { describe, expect, it } from 'vitest';
import { newSession, step } from '../../src/engine/index.js';
import { MAX_HISTORY } from '../../src/engine/step.js';
import type { Inbound, OutEvent, Session } from '../../src/engine/types.js';
import { ctx, flows } from './fixture.js';

const colours = flows([
  `
id: main
start: hello
nodes:
  hello: { type: message, text: hello, next: pick }
  pick:
    type: choice
    text: pick
    var: colour
    choices:
      - { id: red, label: red_label, next: age }
      - { id: blue, label: blue_label, value: azure, next: age }
  age: { type: input, input: number, text: age, reask: age_again, var: age, min: 0, max: 120, next: adult }
  adult:
    type: branch
    cases:
      - when: { var: age, lt: 18 }
        next: minor
    default: done
  minor: { type: message, text: minor, next: done }
  done: { type: action, action: create_case, params: { kind: application }, next: thanks }
  thanks: { type: end, text: thanks }
`,
]);

function run(session: Session, ...inbound: Inbound[]): { session: Session; events: OutEvent[] } {
  let current = session;
  const events: OutEvent[] = [];
  for (const i of inbound) {
    const r = step(colours, current, i, ctx);
    current = r.session;
    events.push(...r.events);
  }
  return { session: current, events };
}

const keys = (events: OutEvent[]): string[] => events.flatMap((e) => (e.type === 'message' ? [e.key] : []));

describe('engine', () => {
  it('starts a new conversation at the start and stops at the first question', () => {
    const r = run(newSession('en'), { kind: 'text', text: 'hi' });
    expect(keys(r.events)).toEqual(['main:hello', 'main:pick']);
    expect(r.session.at).toEqual({ flow: 'main', node: 'pick' });
  });

  it('takes a choice by button, by number and by its label, and stores its value', () => {
    const start = run(newSession('en'), { kind: 'text', text: 'hi' }).session;
    expect(run(start, { kind: 'choice', id: 'blue' }).session.vars['colour']).toBe('azure');
    expect(run(start, { kind: 'text', text: '1' }).session.vars['colour']).toBe('red');
    expect(run(start, { kind: 'text', text: ' RED ' }).session.vars['colour']).toBe('red');
  });

  it('re-asks an invalid answer with the same buttons and never throws', () => {
    const start = run(newSession('en'), { kind: 'text', text: 'hi' }).session;
    const r = run(start, { kind: 'text', text: 'green' });
    expect(r.events[0]).toMatchObject({ type: 'invalid' });
    const reask = r.events[1];
    expect(reask).toMatchObject({ type: 'message', key: 'common:reask_choice' });
    expect(reask?.type === 'message' && reask.choices?.map((c) => c.id)).toEqual(['red', 'blue']);
    expect(r.session.at).toEqual(start.at);
  });

  it('validates numbers (Arabic-Indic digits too) and re-asks with the flow\'s message', () => {
    const atAge = run(newSession('en'), { kind: 'text', text: 'hi' }, { kind: 'choice', id: 'red' }).session;
    expect(keys(run(atAge, { kind: 'text', text: '200' }).events)).toEqual(['main:age_again']);
    const r = run(atAge, { kind: 'text', text: '١٦' });
    expect(r.session.vars['age']).toBe(16);
    expect(keys(r.events)).toEqual(['main:minor']);
  });

  it('pauses at an action and resumes with its result', () => {
    const atAge = run(newSession('en'), { kind: 'text', text: 'hi' }, { kind: 'choice', id: 'red' }).session;
    const paused = run(atAge, { kind: 'text', text: '30' });
    expect(paused.events.at(-1)).toMatchObject({ type: 'effect', action: 'create_case', params: { kind: 'application' } });
    expect(paused.session.pending).not.toBeNull();
    const done = run(paused.session, { kind: 'effect_result', vars: { case_reference: 'AVR-2026-000001' } });
    expect(done.session.vars['case_reference']).toBe('AVR-2026-000001');
    expect(keys(done.events)).toEqual(['main:thanks']);
    expect(done.events.at(-1)).toEqual({ type: 'ended' });
  });

  it('goes back to the previous question and to the menu from any question', () => {
    const atAge = run(newSession('en'), { kind: 'text', text: 'hi' }, { kind: 'choice', id: 'red' }).session;
    const back = run(atAge, { kind: 'choice', id: 'nav.back' });
    expect(back.session.at).toEqual({ flow: 'main', node: 'pick' });
    const menu = run(atAge, { kind: 'choice', id: 'nav.menu' });
    expect(keys(menu.events)).toEqual(['main:hello', 'main:pick']);
    expect(menu.session.history).toEqual([]);
  });

  it('keeps the last MAX_HISTORY questions for "Back", however long a person goes round a loop', () => {
    const loop = flows(
      [
        `
id: main
start: pick
nodes:
  pick:
    type: choice
    text: pick
    choices:
      - { id: again, label: red_label, next: pick }
`,
        `
id: home
start: hello
nodes:
  hello: { type: end, text: hello }
`,
      ],
      { menu: '@home', commands: { menu: '@home' } },
    );
    let session = step(loop, newSession('en'), { kind: 'text', text: 'hi' }, ctx).session;
    for (let i = 0; i < MAX_HISTORY + 20; i++) session = step(loop, session, { kind: 'choice', id: 'again' }, ctx).session;
    expect(session.history).toHaveLength(MAX_HISTORY);
    const back = step(loop, session, { kind: 'choice', id: 'nav.back' }, ctx);
    expect(back.session.at).toEqual({ flow: 'main', node: 'pick' });
    expect(back.session.history).toHaveLength(MAX_HISTORY - 1);
  });

  it('offers nav buttons: back only after an answer, menu except on the menu', () => {
    const r = run(newSession('en'), { kind: 'text', text: 'hi' }, { kind: 'choice', id: 'red' });
    const question = r.events.at(-1);
    expect(question?.type === 'message' && question.nav).toEqual({ back: true, menu: true });
  });

  it('answers an unknown command kindly and re-asks the open question', () => {
    const start = run(newSession('en'), { kind: 'text', text: 'hi' }).session;
    const r = run(start, { kind: 'command', command: 'dance' });
    expect(keys(r.events)).toEqual(['common:unknown_command', 'main:pick']);
  });

  it('changes language mid-flow; the very next message uses it', () => {
    const start = run(newSession('en'), { kind: 'text', text: 'hi' }).session;
    const r = run(start, { kind: 'language', language: 'ar' });
    expect(r.session.language).toBe('ar');
    expect(r.events[0]).toEqual({ type: 'language', language: 'ar' });
    expect(keys(r.events)).toEqual(['common:language_changed', 'main:pick']);
    expect(run(start, { kind: 'language', language: 'xx' }).session.language).toBe('en');
  });

  it('turns a flow fault into an apology and a safe session, not an exception', () => {
    const broken = flows([`id: main\nstart: a\nnodes:\n  a: { type: goto, next: "@nowhere" }`]);
    const r = step(broken, newSession('en'), { kind: 'text', text: 'hi' }, ctx);
    expect(r.events.map((e) => e.type)).toEqual(['error', 'message']);
    expect(r.session.at).toBeNull();
    const loop = flows([`id: main\nstart: a\nnodes:\n  a: { type: goto, next: b }\n  b: { type: goto, next: a }`]);
    expect(step(loop, newSession('en'), { kind: 'text', text: 'hi' }, ctx).events[0]).toMatchObject({ code: 'loop' });
  });

  it('numbers questions, so an old question\'s button cannot answer the open one', () => {
    const hello = run(newSession('en'), { kind: 'text', text: 'hi' });
    const pick = hello.events.at(-1);
    const asked = pick?.type === 'message' ? pick.question : undefined;
    expect(asked).toBe('1');
    const atAge = run(hello.session, { kind: 'choice', id: 'red', question: asked });
    expect(atAge.session.at).toEqual({ flow: 'main', node: 'age' });
    // Pressing the colour button again (question 1) while age (question 2) is open: asked again.
    const stale = run(atAge.session, { kind: 'choice', id: 'blue', question: '1' });
    expect(stale.events.map((e) => e.type)).toEqual(['stale', 'message']);
    expect(stale.session.vars['colour']).toBe('red');
    // Re-asking the open question keeps its number: its earlier buttons still count.
    const reask = run(atAge.session, { kind: 'text', text: 'old' });
    expect(reask.events.at(-1)).toMatchObject({ type: 'message', question: '2' });
  });

  it('is pure: the input session is not modified', () => {
    const s = newSession('en');
    const copy = structuredClone(s);
    run(s, { kind: 'text', text: 'hi' });
    expect(s).toEqual(copy);
  });

  describe('a multiple choice', () => {
    const help = flows([
      `
id: main
start: ask
nodes:
  ask:
    type: choice
    text: ask
    var: help
    multiple: true
    min: 1
    next: thanks
    choices:
      - { id: job, label: job }
      - { id: school, label: school, value: training }
      - { id: unsure, label: unsure, exclusive: true }
  thanks: { type: end, text: thanks }
`,
    ]);
    const go = (session: Session, ...inbound: Inbound[]): { session: Session; events: OutEvent[] } => {
      let current = session;
      const events: OutEvent[] = [];
      for (const i of inbound) {
        const r = step(help, current, i, ctx);
        current = r.session;
        events.push(...r.events);
      }
      return { session: current, events };
    };
    const open = go(newSession('en'), { kind: 'text', text: 'hi' });
    const lastMessage = (events: OutEvent[]) => events.filter((e) => e.type === 'message').at(-1);

    it('offers the choices and a "done" button, marking what is chosen', () => {
      const first = lastMessage(open.events);
      expect(first).toMatchObject({ key: 'main:ask', input: 'multiple' });
      expect(first?.type === 'message' && first.choices?.map((c) => [c.id, c.selected ?? false])).toEqual([
        ['job', false],
        ['school', false],
        ['unsure', false],
        ['done', false],
      ]);
      const pressed = go(open.session, { kind: 'choice', id: 'school' }, { kind: 'choice', id: 'job' });
      const again = lastMessage(pressed.events);
      expect(again).toMatchObject({ key: 'common:multi_chosen', params: { selection: ['job', 'training'] }, question: '1' });
      expect(again?.type === 'message' && again.choices?.filter((c) => c.selected).map((c) => c.id)).toEqual(['job', 'school']);
      // Kept in the order of the buttons, as values.
      expect(pressed.session.vars['help']).toEqual(['job', 'training']);
      expect(pressed.session.at).toEqual({ flow: 'main', node: 'ask' });
    });

    it('unselects on a second press, by number or label too, and an exclusive choice stands alone', () => {
      const r = go(open.session, { kind: 'choice', id: 'job' }, { kind: 'text', text: '1' });
      expect(r.session.vars['help']).toEqual([]);
      expect(lastMessage(r.events)).toMatchObject({ key: 'common:multi_none' });
      const alone = go(open.session, { kind: 'choice', id: 'job' }, { kind: 'choice', id: 'unsure' });
      expect(alone.session.vars['help']).toEqual(['unsure']);
      const back = go(alone.session, { kind: 'choice', id: 'school' });
      expect(back.session.vars['help']).toEqual(['training']);
    });

    it('goes on with "done" once enough are chosen, and stores the list as the answer', () => {
      const tooFew = go(open.session, { kind: 'choice', id: 'done' });
      expect(tooFew.events[0]).toMatchObject({ type: 'invalid' });
      expect(lastMessage(tooFew.events)).toMatchObject({ key: 'common:multi_reask' });
      const done = go(open.session, { kind: 'choice', id: 'job' }, { kind: 'text', text: '4' });
      expect(done.events).toContainEqual({ type: 'answer', at: { flow: 'main', node: 'ask' }, var: 'help', value: ['job'] });
      expect(keys(done.events).at(-1)).toBe('main:thanks');
    });
  });

  describe('a repeat', () => {
    const family = flows([
      `
id: main
start: how_many
nodes:
  how_many: { type: input, input: number, text: how_many, reask: how_many, var: count, min: 0, max: 9, next: each }
  each:
    type: repeat
    count: count
    max: 3
    list: people
    index: person
    fields: { relationship: rel, age: years }
    body: rel_q
    next: summary
  rel_q:
    type: choice
    text: rel_q
    var: rel
    choices:
      - { id: child, label: child, next: age_q }
      - { id: spouse, label: spouse, next: age_q }
  age_q: { type: input, input: number, text: age_q, reask: age_q, var: years, min: 0, max: 120, next: each }
  summary: { type: end, text: summary }
`,
    ]);
    const go = (session: Session, ...inbound: Inbound[]): { session: Session; events: OutEvent[] } => {
      let current = session;
      const events: OutEvent[] = [];
      for (const i of inbound) {
        const r = step(family, current, i, ctx);
        current = r.session;
        events.push(...r.events);
      }
      return { session: current, events };
    };
    const start = go(newSession('en'), { kind: 'text', text: 'hi' }).session;

    it('asks the body once per item and collects each round', () => {
      const r = go(start, { kind: 'text', text: '2' });
      expect(r.session.vars['person']).toBe(1);
      const two = go(r.session, { kind: 'choice', id: 'spouse' }, { kind: 'text', text: '34' });
      expect(two.session.vars['person']).toBe(2);
      expect(two.session.vars['rel']).toBeNull();
      const done = go(two.session, { kind: 'choice', id: 'child' }, { kind: 'text', text: '5' });
      expect(done.session.vars['people']).toEqual([
        { relationship: 'spouse', age: 34 },
        { relationship: 'child', age: 5 },
      ]);
      expect(done.session.vars['person']).toBeNull();
      expect(keys(done.events).at(-1)).toBe('main:summary');
    });

    it('never runs more rounds than its max, and none for zero', () => {
      expect(go(start, { kind: 'text', text: '0' }).session.vars['people']).toEqual([]);
      let s = go(start, { kind: 'text', text: '9' }).session;
      for (let i = 0; i < 3; i++) s = go(s, { kind: 'choice', id: 'child' }, { kind: 'text', text: '1' }).session;
      expect(s.vars['people']).toHaveLength(3);
      expect(s.at).toBeNull();
    });

    it('does not let "back" reopen a finished round, and starts afresh when entered again', () => {
      const round2 = go(start, { kind: 'text', text: '2' }, { kind: 'choice', id: 'spouse' }, { kind: 'text', text: '34' });
      const back = round2.events.filter((e) => e.type === 'message').at(-1);
      expect(back).toMatchObject({ key: 'main:rel_q', nav: { back: false } });
      // Back from round 1 to the count, a new count: the rounds start again.
      const first = go(start, { kind: 'text', text: '2' });
      const recount = go(first.session, { kind: 'choice', id: 'nav.back' }, { kind: 'text', text: '1' });
      expect(recount.session.vars['person']).toBe(1);
      expect(recount.session.vars['people']).toEqual([]);
    });
  });
});
