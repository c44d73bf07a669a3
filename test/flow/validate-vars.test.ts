import { describe, expect, it } from 'vitest';
import { check, fixture, flow, node, texts } from './fixture.js';

const reads = (lines: string[]): string[] => lines.filter((l) => l.includes(' reads "'));

describe('validateContent: variables read before they are set', () => {
  it('reports a placeholder some path reaches unset, with an example path', () => {
    const f = fixture();
    // The case goes straight to create, and then the summary shows {{age}}.
    node(f, 'intake', 'gate', 'branch').cases[0]!.next = 'create';
    flow(f, 'intake').nodes['orphan'] = { type: 'goto', next: 'ask_age' };
    node(f, 'intake', 'no_consent', 'message').next = 'ask_age';
    expect(reads(check(f))).toEqual([
      'flows/intake.yaml: node summary: text "intake:summary" reads "age", which is not set on every path to this node ' +
        '(e.g. /apply → intake.gate → intake.create → intake.summary)',
    ]);
  });

  it('needs a variable on every path (intersection at joins)', () => {
    const f = fixture();
    const intake = flow(f, 'intake');
    // Two paths join at create: one sets age, the other does not.
    node(f, 'intake', 'no_consent', 'message').next = 'create';
    expect(reads(check(f))).toEqual([
      'flows/intake.yaml: node summary: text "intake:summary" reads "age", which is not set on every path to this node ' +
        '(e.g. /apply → intake.gate → intake.no_consent → intake.create → intake.summary)',
    ]);
    // Both paths set it: fine.
    intake.nodes['no_consent'] = { type: 'set', assign: { age: 0 }, next: 'create' };
    for (const tag of ['en', 'bs', 'ar']) delete texts(f, tag, 'intake')['no_consent'];
    expect(check(f)).toEqual([]);
  });

  it('does not let a question read its own answer', () => {
    const f = fixture();
    for (const tag of ['en', 'bs', 'ar']) texts(f, tag, 'intake')['reask_age'] = '{{age}}?';
    expect(reads(check(f))).toEqual([
      'flows/intake.yaml: node ask_age: reask "intake:reask_age" reads "age", which is not set on every path to this node (e.g. /apply → intake.gate → intake.ask_age)',
    ]);
  });

  it('knows a choice sets its var whatever is chosen', () => {
    const f = fixture();
    flow(f, 'menu').nodes['done'] = { type: 'branch', cases: [{ when: { var: 'picked', eq: 'bye' }, next: 'end' }], default: 'end' };
    flow(f, 'menu').nodes['end'] = { type: 'end', text: 'common:farewell' };
    expect(check(f)).toEqual([]);
  });

  it('reaches a fixed point around loops', () => {
    const f = fixture();
    // summary -> ask again: the loop keeps age set.
    node(f, 'intake', 'summary', 'message').next = 'ask_age';
    expect(check(f)).toEqual([]);
    // A loop back to a node first entered without age does not make age set there.
    node(f, 'intake', 'summary', 'message').next = 'gate';
    node(f, 'intake', 'gate', 'branch').cases.push({ when: { var: 'age', gt: 17 }, next: 'create' });
    expect(reads(check(f))).toEqual([
      'flows/intake.yaml: node gate: cases.1.when reads "age", which is not set on every path to this node (e.g. /apply → intake.gate)',
    ]);
  });

  it('uses what a branch case proves about a variable', () => {
    const f = fixture();
    const gate = node(f, 'intake', 'gate', 'branch');
    gate.cases = [{ when: { var: 'consent', eq: true }, next: 'check' }];
    flow(f, 'intake').nodes['check'] = { type: 'branch', cases: [{ when: { var: 'age', set: true }, next: 'create' }], default: 'ask_age' };
    node(f, 'intake', 'no_consent', 'message').next = 'check';
    expect(check(f)).toEqual([]);
    // ...also when a failed case proves it, and for later cases of the same node.
    flow(f, 'intake').nodes['check'] = {
      type: 'branch',
      cases: [
        { when: { var: 'age', set: false }, next: 'ask_age' },
        { when: { var: 'age', gt: 99 }, next: 'ask_age' },
      ],
      default: 'create',
    };
    expect(check(f)).toEqual([]);
  });

  it('reads {var} operands in set and action params, in order', () => {
    const f = fixture();
    node(f, 'intake', 'ask_age', 'input').next = 'copy';
    flow(f, 'intake').nodes['copy'] = {
      type: 'set',
      assign: { years: { var: 'age' }, twice: { var: 'years' }, bad: { var: 'later' }, later: 1 },
      next: 'create',
    };
    node(f, 'intake', 'create', 'action').params = { kind: { var: 'twice' }, queue: { var: 'nothing' } };
    expect(reads(check(f)).sort()).toEqual([
      'flows/intake.yaml: node copy: assign.bad reads "later", which is not set on every path to this node (e.g. /apply → intake.gate → intake.ask_age → intake.copy)',
      'flows/intake.yaml: node create: params.queue reads "nothing", which is not set on every path to this node (e.g. /apply → intake.gate → intake.ask_age → intake.copy → intake.create)',
    ]);
  });

  it('counts app.yaml globals as set', () => {
    const f = fixture();
    f.app.globals = [];
    expect(reads(check(f))).toEqual([
      'flows/intake.yaml: node gate: cases.0.when reads "consent", which is not set on every path to this node (e.g. /apply → intake.gate)',
    ]);
  });

  it('counts action outputs as set', () => {
    const f = fixture();
    const create = node(f, 'intake', 'create', 'action');
    create.action = 'handoff'; // also sets case_reference
    create.params = {};
    expect(check(f)).toEqual([]);
    create.action = 'record_consent'; // sets nothing
    create.params = { notice: 'v1' };
    expect(reads(check(f))).toEqual([
      'flows/intake.yaml: node summary: text "intake:summary" reads "case_reference", which is not set on every path to this node (e.g. /apply → intake.gate → intake.ask_age → intake.create → intake.summary)',
    ]);
  });
});
