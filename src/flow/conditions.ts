import type { Condition, Operand, Scalar, Value } from './schema.js';

type Vars = Readonly<Record<string, Value>>;

/** A variable's value as conditions see it: a list (a multiple choice's answer) compares as no value. */
export function scalarOf(value: Value | undefined): Scalar {
  return value === undefined || Array.isArray(value) ? null : value;
}

function valueOf(operand: Operand, vars: Vars): Scalar {
  if (operand !== null && typeof operand === 'object') return scalarOf(vars[operand.var]);
  return operand;
}

function ordered(a: Scalar, b: Scalar, test: (x: number) => boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return test(a - b);
  if (typeof a === 'string' && typeof b === 'string') return test(a < b ? -1 : a > b ? 1 : 0);
  return false;
}

/** Evaluates a declarative condition against the session variables. A missing variable is null. */
export function holds(condition: Condition, vars: Vars): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, vars));
  if ('any' in condition) return condition.any.some((c) => holds(c, vars));
  if ('not' in condition) return !holds(condition.not, vars);
  const raw = vars[condition.var];
  // `set` asks only whether there is a value: a list (even an empty one) is one.
  if (condition.set !== undefined) return (raw !== undefined && raw !== null) === condition.set;
  const value = scalarOf(raw);
  if (condition.eq !== undefined) return value === valueOf(condition.eq, vars);
  if (condition.ne !== undefined) return value !== valueOf(condition.ne, vars);
  if (condition.lt !== undefined) return ordered(value, valueOf(condition.lt, vars), (d) => d < 0);
  if (condition.lte !== undefined) return ordered(value, valueOf(condition.lte, vars), (d) => d <= 0);
  if (condition.gt !== undefined) return ordered(value, valueOf(condition.gt, vars), (d) => d > 0);
  if (condition.gte !== undefined) return ordered(value, valueOf(condition.gte, vars), (d) => d >= 0);
  if (condition.in !== undefined) return condition.in.includes(value);
  if (condition.not_in !== undefined) return !condition.not_in.includes(value);
  return false;
}

/** The variables a condition reads (for the graph check). */
export function readsOf(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(readsOf);
  if ('any' in condition) return condition.any.flatMap(readsOf);
  if ('not' in condition) return readsOf(condition.not);
  const operands = [condition.eq, condition.ne, condition.lt, condition.lte, condition.gt, condition.gte];
  const others = operands.flatMap((o) => (o !== null && typeof o === 'object' ? [o.var] : []));
  // `set` asks whether a variable has a value, so it does not need one.
  return condition.set !== undefined ? others : [condition.var, ...others];
}
