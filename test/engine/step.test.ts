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
});
