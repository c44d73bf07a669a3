import { formatIssue, loadContent, type Content, type ContentSource, type Issue } from './content.js';
import { validateContent } from './validate.js';

export class ContentError extends Error {
  override name = 'ContentError';
  constructor(readonly issues: Issue[]) {
    super(`the flows have ${issues.length} problem(s):\n${issues.map(formatIssue).join('\n')}`);
  }
}

/** Both passes, shape then graph: the content, or a ContentError naming every problem. */
export function loadCheckedContent(source: ContentSource): Content {
  const { content, issues } = loadContent(source);
  if (!content) throw new ContentError(issues);
  const problems = validateContent(content);
  if (problems.length > 0) throw new ContentError(problems);
  return content;
}
