import type { ActionName, Scalar } from '../../flow/schema.js';
import type { Content } from '../../flow/content.js';
import type { Session } from '../../engine/types.js';
import type { Translator } from '../../i18n/translator.js';
import type { DomainEvent } from '../events.js';
import type { ContactTx, Screening, ServicesDirectory } from '../ports.js';

export interface EffectContext {
  tx: ContactTx;
  session: Session;
  params: Record<string, Scalar>;
  now: Date;
  content: Content;
  translator: Translator;
  /** Publishes events in this transaction (the channels that follow them queue their items). */
  publish(events: readonly DomainEvent[]): Promise<unknown>;
  screening: Screening;
  directory: ServicesDirectory;
}

export interface EffectOutcome {
  /** Variables the action sets (see flow/actions.ts). */
  vars: Record<string, Scalar>;
  /** The person's data was erased: the session starts again and nothing of this turn is kept. */
  erased?: boolean;
  /** Remove the conversation from the person's device once this turn's answer has gone out too. */
  clearChat?: boolean;
}

export type EffectHandler = (ctx: EffectContext) => Promise<EffectOutcome>;
export type EffectHandlers = Record<Exclude<ActionName, 'set_language'>, EffectHandler>;
