import { describe, expect, it } from 'vitest';
import { check, fixture, flow, node } from './fixture.js';

describe('validateContent: graph', () => {
  it('accepts the fixture as it is', () => {
    expect(check(fixture())).toEqual([]);
  });

  describe('targets', () => {
    it('reports a node target missing from the flow', () => {
      const f = fixture();
      node(f, 'intake', 'create', 'action').next = 'nowhere';
      expect(check(f)).toContain('flows/intake.yaml: node create: next: no node "nowhere" in this flow');
    });

    it('reports an unknown flow and an unknown node of another flow', () => {
      const f = fixture();
      node(f, 'menu', 'main', 'choice').choices[1]!.next = '@nope';
      node(f, 'intake', 'gate', 'branch').default = '@menu.nope';
      const lines = check(f);
      expect(lines).toContain('flows/menu.yaml: node main: choices.bye.next: "@nope": there is no flow "nope"');
      expect(lines).toContain('flows/intake.yaml: node gate: default: "@menu.nope": flow "menu" has no node "nope"');
    });

    it('reports case targets', () => {
      const f = fixture();
      node(f, 'intake', 'gate', 'branch').cases[0]!.next = 'ask_agee';
      expect(check(f)).toContain('flows/intake.yaml: node gate: cases.0.next: no node "ask_agee" in this flow');
    });

    it('accepts @flow.node targets into another flow', () => {
      const f = fixture();
      node(f, 'welcome', 'hello', 'message').next = '@menu.main';
      expect(check(f)).toEqual([]);
    });

    it('requires app targets to name a flow', () => {
      const f = fixture();
      f.app.commands['help'] = 'main';
      f.app.menu = '@nope';
      const lines = check(f);
      expect(lines).toContain('flows/app.yaml: commands.help: "main" must be "@flow" or "@flow.node"');
      expect(lines).toContain('flows/app.yaml: menu: "@nope": there is no flow "nope"');
    });

    it('reports a start that is not a node', () => {
      const f = fixture();
      flow(f, 'welcome').start = 'hi';
      const lines = check(f);
      expect(lines).toContain('flows/welcome.yaml: start: no node "hi" in this flow');
      expect(lines).toContain('flows/app.yaml: start: "@welcome": the start of flow "welcome" is missing');
    });
  });

  describe('reachability', () => {
    it('reports a node nothing leads to', () => {
      const f = fixture();
      flow(f, 'intake').nodes['orphan'] = { type: 'goto', next: 'summary' };
      expect(check(f)).toContain('flows/intake.yaml: node orphan: unreachable: no path from an entry point leads here');
    });

    it('counts a node reached only through @flow.node from another flow as reachable', () => {
      const f = fixture();
      flow(f, 'intake').nodes['side'] = { type: 'goto', next: '@menu' };
      node(f, 'menu', 'main', 'choice').choices.push({ id: 'side', label: 'bye', next: '@intake.side' });
      expect(check(f)).toEqual([]);
    });

    it('reports a flow never entered, even when another unentered flow targets it', () => {
      const f = fixture();
      f.flows['lost'] = { spec: 1, id: 'lost', start: 'a', nodes: { a: { type: 'goto', next: '@lost2' } } };
      f.flows['lost2'] = { spec: 1, id: 'lost2', start: 'b', nodes: { b: { type: 'goto', next: '@lost' } } };
      const lines = check(f);
      expect(lines).toContain('flows/lost.yaml: flow "lost" is never entered: no entry in flows/app.yaml and no "@lost" target in a reachable flow');
      expect(lines).toContain('flows/lost2.yaml: flow "lost2" is never entered: no entry in flows/app.yaml and no "@lost2" target in a reachable flow');
    });

    it('counts flows entered by commands', () => {
      const f = fixture();
      f.flows['extra'] = { spec: 1, id: 'extra', start: 'a', nodes: { a: { type: 'goto', next: '@menu' } } };
      f.app.commands['extra'] = '@extra';
      expect(check(f)).toEqual([]);
    });
  });

  describe('nodes', () => {
    it('reports a choice id used twice', () => {
      const f = fixture();
      node(f, 'menu', 'main', 'choice').choices.push({ id: 'bye', label: 'bye', next: 'done' });
      expect(check(f)).toContain('flows/menu.yaml: node main: choices: the id "bye" is used twice');
    });

    it('reports unknown and missing action parameters', () => {
      const f = fixture();
      node(f, 'intake', 'create', 'action').params = { queue: 'avrr', colour: 'red' };
      const lines = check(f);
      expect(lines).toContain('flows/intake.yaml: node create: params.colour: create_case has no parameter "colour" (it takes kind, queue, urgent)');
      expect(lines).toContain('flows/intake.yaml: node create: params: create_case needs "kind"');
    });

    it('accepts allowed parameters and checks set_language against languages.json', () => {
      const f = fixture();
      const intake = flow(f, 'intake');
      node(f, 'intake', 'create', 'action').next = 'lang';
      intake.nodes['lang'] = { type: 'action', action: 'set_language', params: { language: 'bs' }, next: 'lang2' };
      intake.nodes['lang2'] = { type: 'action', action: 'set_language', params: { language: 'fr' }, next: 'summary' };
      expect(check(f)).toEqual(['flows/intake.yaml: node lang2: params.language: "fr" is not in locales/languages.json']);
    });
  });
});
