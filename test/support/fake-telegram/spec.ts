/**
 * The Bot API as data (`../shared/telegram-bot-api-spec/api.json`) and a checker for values
 * against it: method exists, required fields, no unknown fields, field types down through nested
 * objects and arrays, the lengths the descriptions state ("1-4096 characters", "1-64 bytes"), and a
 * subtype's `type` ("must be default").
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sharedPath } from '../shared-dir.js';

const field = z.object({ name: z.string(), types: z.array(z.string()), required: z.boolean(), description: z.string() });
const entry = z.object({ name: z.string(), fields: z.array(field).optional(), subtypes: z.array(z.string()).optional() });
const specSchema = z.object({ version: z.string(), methods: z.record(z.string(), entry), types: z.record(z.string(), entry) });

export type Field = z.infer<typeof field>;
export type Spec = z.infer<typeof specSchema>;

export const SPEC_PATH = sharedPath('telegram-bot-api-spec', 'api.json');

let cached: Spec | undefined;
export function loadSpec(): Spec {
  cached ??= specSchema.parse(JSON.parse(readFileSync(SPEC_PATH, 'utf8')));
  return cached;
}

const LENGTH = /(\d+)-(\d+) (characters|bytes)/;
const MUST_BE = /must be ([a-z_]+)\s*$/;

/** Measures a string field: some texts are measured after entity parsing (the caller says how). */
export type Measure = (field: string, value: string) => number | undefined;

export class SpecChecker {
  constructor(readonly spec: Spec = loadSpec()) {}

  /** Problems of a method call's parameters, each prefixed with its path. */
  checkCall(method: string, params: Record<string, unknown>, measure?: Measure): string[] {
    const def = this.spec.methods[method];
    if (!def) return [`${method}: no such method in Bot API ${this.spec.version}`];
    return this.checkFields(def.fields ?? [], params, method, measure);
  }

  /** Problems of a value of a named type (an Update the tests built, a Message the fake returns). */
  checkType(type: string, value: unknown, path = type): string[] {
    return this.checkOne(type, value, path);
  }

  private checkFields(fields: Field[], value: Record<string, unknown>, path: string, measure?: Measure): string[] {
    const problems: string[] = [];
    const known = new Map(fields.map((f) => [f.name, f]));
    for (const name of Object.keys(value)) if (!known.has(name)) problems.push(`${path}.${name}: unknown field`);
    for (const f of fields) {
      const v = value[f.name];
      if (v === undefined) {
        if (f.required) problems.push(`${path}.${f.name}: required field missing`);
        continue;
      }
      problems.push(...this.checkField(f, v, `${path}.${f.name}`, measure));
    }
    return problems;
  }

  private checkField(f: Field, value: unknown, path: string, measure?: Measure): string[] {
    // One of the listed types must fit; report the problems of the closest.
    let best: string[] | undefined;
    for (const type of f.types) {
      const problems = this.checkOne(type, value, path);
      if (problems.length === 0) {
        best = [];
        break;
      }
      if (!best || problems.length < best.length) best = problems;
    }
    const problems = best ?? [];
    if (problems.length > 0 || typeof value !== 'string') return problems;
    const length = LENGTH.exec(f.description);
    if (length) {
      const [, min, max, unit] = length;
      const n = unit === 'bytes' ? Buffer.byteLength(value, 'utf8') : (measure?.(f.name, value) ?? value.length);
      if (n < Number(min) || n > Number(max)) problems.push(`${path}: ${n} ${unit}, must be ${min}-${max}`);
    }
    const literal = f.name === 'type' ? MUST_BE.exec(f.description) : null;
    if (literal && value !== literal[1]) problems.push(`${path}: must be "${literal[1]}", got "${value}"`);
    if (/Can contain only lowercase English letters, digits and underscores/.test(f.description) && !/^[a-z0-9_]*$/.test(value)) {
      problems.push(`${path}: only lowercase English letters, digits and underscores`);
    }
    return problems;
  }

  private checkOne(type: string, value: unknown, path: string): string[] {
    if (type.startsWith('Array of ')) {
      if (!Array.isArray(value)) return [`${path}: expected ${type}`];
      const item = type.slice('Array of '.length);
      return value.flatMap((v, i) => this.checkOne(item, v, `${path}[${i}]`));
    }
    switch (type) {
      case 'Integer':
        return Number.isSafeInteger(value) ? [] : [`${path}: expected Integer, got ${JSON.stringify(value)}`];
      case 'Float':
        return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: expected Float`];
      case 'String':
        return typeof value === 'string' ? [] : [`${path}: expected String, got ${JSON.stringify(value)}`];
      case 'Boolean':
        return typeof value === 'boolean' ? [] : [`${path}: expected Boolean`];
      case 'True':
        return value === true ? [] : [`${path}: expected True`];
      case 'InputFile':
        return typeof value === 'string' ? [] : [`${path}: files are not sent by this bot`];
    }
    const def = this.spec.types[type];
    if (!def) return [`${path}: unknown type ${type}`];
    if (def.subtypes) {
      let best: string[] | undefined;
      for (const sub of def.subtypes) {
        const problems = this.checkOne(sub, value, path);
        if (problems.length === 0) return [];
        if (!best || problems.length < best.length) best = problems;
      }
      return best ?? [`${path}: no subtype of ${type}`];
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected ${type} object`];
    return this.checkFields(def.fields ?? [], value as Record<string, unknown>, path);
  }
}
