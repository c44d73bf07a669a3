/** Node only: reads flows/ and locales/ from disk into a ContentSource. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ContentSource } from './content.js';

export function readContentSource(root: string): ContentSource {
  const flowsDir = join(root, 'flows');
  const flows: Record<string, string> = {};
  const data: Record<string, string> = {};
  for (const entry of readdirSync(flowsDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(flowsDir, entry.name);
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) flows[relative(root, path)] = readFileSync(path, 'utf8');
    // One level of folders holds data the flows use (rules, lists), not flows.
    if (entry.isDirectory()) {
      for (const file of readdirSync(path).sort()) {
        if (/\.(ya?ml|json)$/.test(file)) data[relative(root, join(path, file))] = readFileSync(join(path, file), 'utf8');
      }
    }
  }
  const localesDir = join(root, 'locales');
  const languagesFile = join(localesDir, 'languages.json');
  const languages = existsSync(languagesFile) ? readFileSync(languagesFile, 'utf8') : '';
  const locales: ContentSource['locales'] = {};
  for (const entry of readdirSync(localesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const namespaces: Record<string, string> = {};
    for (const file of readdirSync(join(localesDir, entry.name)).sort()) {
      // Dot files beside the texts (`.review.json`, the review record) are not namespaces.
      if (file.endsWith('.json') && !file.startsWith('.')) {
        namespaces[file.slice(0, -5)] = readFileSync(join(localesDir, entry.name, file), 'utf8');
      }
    }
    locales[entry.name] = namespaces;
  }
  return { flows, data, languages, locales };
}
