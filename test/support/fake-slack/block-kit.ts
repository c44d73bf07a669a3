/**
 * Block Kit limits Slack enforces (api.slack.com/reference/block-kit): a message holds at most 50
 * blocks (a Home tab 100), a section's text at most 3000 characters and 10 fields of 2000, a
 * button's text 75, option texts 75, action ids are unique within a message, and a message with
 * blocks carries a fallback `text` for notifications and screen readers.
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string => (isObject(v) && typeof v['text'] === 'string' ? v['text'] : '');

export function checkBlocks(where: string, blocks: unknown, maxBlocks: number): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return [`${where}: blocks is not an array`];
  if (blocks.length > maxBlocks) problems.push(`${where}: ${blocks.length} blocks (at most ${maxBlocks})`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const element = (e: unknown, at: string) => {
    if (!isObject(e)) return problems.push(`${at}: not an object`);
    const id = e['action_id'];
    if (typeof id === 'string') {
      if (actionIds.has(id)) problems.push(`${at}: action_id "${id}" is used twice`);
      actionIds.add(id);
      if (id.length > 255) problems.push(`${at}: action_id longer than 255`);
    }
    if (e['type'] === 'button') {
      const t = textOf(e['text']);
      if (t.length === 0 || t.length > 75) problems.push(`${at}: button text is ${t.length} characters (1-75)`);
      if (typeof e['value'] === 'string' && e['value'].length > 2000) problems.push(`${at}: button value over 2000`);
    }
    if (e['type'] === 'static_select') {
      const options = e['options'];
      if (!Array.isArray(options) || options.length === 0 || options.length > 100) problems.push(`${at}: a select needs 1-100 options`);
      for (const o of Array.isArray(options) ? options : []) {
        const t = textOf(isObject(o) ? o['text'] : undefined);
        if (t.length === 0 || t.length > 75) problems.push(`${at}: option text is ${t.length} characters (1-75)`);
        const value = isObject(o) ? o['value'] : undefined;
        if (typeof value !== 'string' || value.length > 150) problems.push(`${at}: option value must be a string of at most 150`);
      }
    }
    return undefined;
  };
  blocks.forEach((b, i) => {
    const at = `${where} block ${i}`;
    if (!isObject(b)) return void problems.push(`${at}: not an object`);
    const blockId = b['block_id'];
    if (typeof blockId === 'string') {
      if (blockIds.has(blockId)) problems.push(`${at}: block_id "${blockId}" is used twice`);
      blockIds.add(blockId);
    }
    switch (b['type']) {
      case 'section': {
        const t = textOf(b['text']);
        const fields = b['fields'];
        if (t.length > 3000) problems.push(`${at}: section text is ${t.length} characters (at most 3000)`);
        if (!b['text'] && !Array.isArray(fields)) problems.push(`${at}: a section needs text or fields`);
        if (Array.isArray(fields)) {
          if (fields.length > 10) problems.push(`${at}: ${fields.length} fields (at most 10)`);
          fields.forEach((f, j) => {
            if (textOf(f).length > 2000) problems.push(`${at} field ${j}: over 2000 characters`);
          });
        }
        if (b['accessory']) element(b['accessory'], `${at} accessory`);
        break;
      }
      case 'header': {
        const t = textOf(b['text']);
        if (t.length === 0 || t.length > 150) problems.push(`${at}: header text is ${t.length} characters (1-150)`);
        break;
      }
      case 'actions': {
        const elements = b['elements'];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) problems.push(`${at}: actions need 1-25 elements`);
        (Array.isArray(elements) ? elements : []).forEach((e, j) => element(e, `${at} element ${j}`));
        break;
      }
      case 'context': {
        const elements = b['elements'];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10) problems.push(`${at}: context needs 1-10 elements`);
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${at}: block type "${String(b['type'])}" is not one this app should send`);
    }
    return undefined;
  });
  return problems;
}
