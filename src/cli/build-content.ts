/** Bundles flows/ and locales/ into dist/content-source.json for runtimes without a filesystem. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckedContent } from '../flow/load.js';
import { readContentSource } from '../flow/read-dir.js';

const root = process.cwd();
const source = readContentSource(root);
loadCheckedContent(source); // refuse to bundle content that would not start
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', 'content-source.json'), JSON.stringify(source));
console.log(`bundled ${Object.keys(source.flows).length} flow files and ${Object.keys(source.locales).length} languages`);
