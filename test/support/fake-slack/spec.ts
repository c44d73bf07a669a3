/**
 * Slack's published Web API spec (../shared/slack-web-api-spec): which methods exist, which
 * parameters each takes and which are required. The fake server checks every call against it.
 */
import { readFileSync } from 'node:fs';
import { sharedPath } from '../shared-dir.js';

const specPath = sharedPath('slack-web-api-spec', 'web-api.openapi.json');

interface MethodSpec {
  params: Set<string>;
  required: Set<string>;
}

/**
 * Parameters Slack added after this spec was published (v1.7.0), documented on api.slack.com:
 * message metadata (2022) on chat.postMessage and chat.update.
 */
const NEWER_PARAMS: Record<string, readonly string[]> = {
  'chat.postMessage': ['metadata'],
  'chat.update': ['metadata'],
};

let cached: Map<string, MethodSpec> | undefined;

export function loadSlackSpec(): Map<string, MethodSpec> {
  if (cached) return cached;
  const doc = JSON.parse(readFileSync(specPath, 'utf8')) as {
    paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; required?: boolean }> }>>;
  };
  cached = new Map();
  for (const [path, verbs] of Object.entries(doc.paths)) {
    const method = path.replace(/^\//, '');
    const params = new Set<string>(NEWER_PARAMS[method] ?? []);
    const required = new Set<string>();
    for (const op of Object.values(verbs)) {
      for (const p of op.parameters ?? []) {
        // The token goes in the Authorization header (or the body); it is checked apart.
        if (p.name === 'token') continue;
        params.add(p.name);
        if (p.required) required.add(p.name);
      }
    }
    cached.set(method, { params, required });
  }
  return cached;
}

/** Problems with one call: an unknown method, unknown parameters, missing required ones. */
export function checkCall(method: string, params: Record<string, unknown>): string[] {
  const spec = loadSlackSpec().get(method);
  if (!spec) return [`${method}: no such Web API method`];
  const problems: string[] = [];
  for (const name of Object.keys(params)) if (name !== 'token' && !spec.params.has(name)) problems.push(`${method}: unknown parameter "${name}"`);
  for (const name of spec.required) if (params[name] === undefined || params[name] === '') problems.push(`${method}: missing required "${name}"`);
  return problems;
}
