import { describe, expect, it } from 'vitest';
import { newSession, step } from '../../src/engine/index.js';
import type { Inbound, OutEvent, Session } from '../../src/engine/types.js';
import { ctx, flows } from './fixture.js';

/** An action offers up to three times; the question shows those it filled, as buttons. */
const booking = flows([
  `
id: main
start: offer
nodes:
  offer: { type: action, action: show_status, next: pick }
  pick:
    type: input
    input: option
    options: [slot_1, slot_2, slot_3]
    text: pick
    reask: pick_again
    var: chosen
    next: done
  done: { type: end, text: done }
`,
]);

function run(session: Session, ...inbound: Inbound[]): { session: Session; events: OutEvent[] } {
  let current = session;
  const events: OutEvent[] = [];
  for (const i of inbound) {
    const r = step(booking, current, i, ctx);
    current = r.session;
    events.push(...r.events);
  }
  return { session: current, events };
}

const offered = { slot_1: 'Tue 10:00 · phone', slot_2: '', slot_3: 'Wed 14:00 · in person' };

function atQuestion(): { session: Session; events: OutEvent[] } {
  const started = run(newSession('en'), { kind: 'text', text: 'hi' });
  return run(started.session, { kind: 'effect_result', vars: offered });
}

describe('an option question', () => {
  it('shows the options the action filled, as buttons with their labels, and skips empty ones', () => {
    const { events, session } = atQuestion();
    const question = events.find((e) => e.type === 'message');
    expect(question).toMatchObject({
      key: 'main:pick',
      input: 'option',
      choices: [
        { id: 'slot_1', key: null, text: 'Tue 10:00 · phone' },
        { id: 'slot_3', key: null, text: 'Wed 14:00 · in person' },
      ],
    });
    expect(session.at).toEqual({ flow: 'main', node: 'pick' });
  });

  it('takes an option by button, by its number among those shown, or by its label, and stores its name', () => {
    const { session } = atQuestion();
    expect(run(session, { kind: 'choice', id: 'slot_3' }).session.vars['chosen']).toBe('slot_3');
    expect(run(session, { kind: 'text', text: '2' }).session.vars['chosen']).toBe('slot_3');
    expect(run(session, { kind: 'text', text: '١' }).session.vars['chosen']).toBe('slot_1');
    expect(run(session, { kind: 'text', text: ' wed 14:00 · IN PERSON ' }).session.vars['chosen']).toBe('slot_3');
  });

  it('re-asks for an option that was not offered, a number out of range, or free text', () => {
    const { session } = atQuestion();
    for (const wrong of [{ kind: 'choice', id: 'slot_2' }, { kind: 'text', text: '3' }, { kind: 'text', text: 'tomorrow' }] as Inbound[]) {
      const r = run(session, wrong);
      expect(r.session.vars['chosen']).toBeUndefined();
      expect(r.events.filter((e) => e.type === 'message').map((e) => (e.type === 'message' ? e.key : ''))).toEqual(['main:pick_again']);
    }
  });
});

describe('checking an option question', () => {
  it('needs the variables that hold its options, set on every path; other questions have none', async () => {
    const { check, fixture, flow } = await import('../flow/fixture.js');
    const f = fixture();
    flow(f, 'intake').nodes['ask_age'] = { type: 'input', input: 'option', text: 'ask_age', reask: 'reask_age', var: 'age', next: 'create' };
    expect(check(f)).toContain('flows/intake.yaml: node ask_age: options: an option question names the variables that hold its options');
    flow(f, 'intake').nodes['ask_age'] = { type: 'input', input: 'option', options: ['slot_1'], text: 'ask_age', reask: 'reask_age', var: 'age', next: 'create' };
    expect(check(f).filter((l) => l.includes('slot_1'))).toEqual([
      'flows/intake.yaml: node ask_age: options.0 reads "slot_1", which is not set on every path to this node (e.g. /apply → intake.gate → intake.ask_age)',
    ]);
    flow(f, 'intake').nodes['ask_age'] = { type: 'input', input: 'number', options: ['slot_1'], text: 'ask_age', reask: 'reask_age', var: 'age', next: 'create' };
    expect(check(f)).toContain('flows/intake.yaml: node ask_age: options: only an option question has options (this one is number)');
  });
});
