import { describe, expect, it } from 'vitest';
import { bundleIsFresh } from '../../../src/channels/web/build-client.js';

describe('client-bundle.ts', () => {
  // The app serves the committed bundle; a change to client/ without `npm run build:client` fails here.
  it('is what src/channels/web/client/ bundles to', async () => {
    expect(await bundleIsFresh(), 'run `npm run build:client` and commit src/channels/web/client-bundle.ts').toBe(true);
  });
});
