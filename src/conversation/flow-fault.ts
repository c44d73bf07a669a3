/**
 * A problem inside a conversation that is the flows' fault (an action asked for something the
 * answers cannot give). The person gets a kind apology and the session survives; it is logged.
 */
export class FlowFault extends Error {
  override name = 'FlowFault';
}
