import { formatIssue, loadContent, type Content, type ContentSource, type Issue } from './content.js';
import { validateContent } from './validate.js';

export class ContentError extends Error {
  override name = 'ContentError';
  constructor(readonly issues: Issue[]) {
    super(`the flows have ${issues.length} problem(s):\n${issues.map(formatIssue).join('\n')}`);
  }
}

/**
 * Both passes, shape then graph: the content, or a ContentError naming every problem. A key that a
 * language other than English still lacks does not stop the service (the person reads that text in
 * English until a translator adds it); `npm run check:flows` still fails on it.
 */
export function loadCheckedContent(source: ContentSource): Content {
  const { content, issues } = loadContent(source);
  if (!content) throw new ContentError(issues);
  const problems = validateContent(content).filter((i) => i.kind !== 'missing_translation');
  if (problems.length > 0) throw new ContentError(problems);
  return content;
}
