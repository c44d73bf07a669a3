/**
 * The lists coordinators maintain without a deploy, seeded on first use: the destinations list from
 * flows/rules/destinations.yaml, the services directory from flows/directory/services.yaml (avrr.md's
 * list, every contact still to be verified).
 * Also what the conversation reads from them: the destinations list in force and the directory.
 */
import { parse } from 'yaml';
import { DIRECTORY_FILE, directoryFileSchema, findServices } from '../conversation/directory-from-data.js';
import type { DirectoryEntry, ServicesDirectory } from '../conversation/ports.js';
import { RULE_FILES, destinationListSchema } from '../screening/index.js';
import type { DestinationList, DashboardStores, ServiceInput } from './ports.js';

export const SEED_ACTOR = 'seed';
const SERVICES_SEEDED = 'lists.services_seed';

export interface LiveLists {
  /** The newest destinations list, seeding version 1 from the file the first time. */
  destinations(): Promise<DestinationList | null>;
  /** The services directory, seeded once (deleting every entry later does not bring the seed back). */
  ensureServices(): Promise<void>;
  /** The list in force in the shape the screening takes (`version` as text). */
  destinationsInForce(): Promise<{ version: string; entries: DestinationList['entries'] }>;
  /** The directory entries the bot may show: contacts only once verified. */
  shownServices(): Promise<DirectoryEntry[]>;
  /** The directory the bot shows: contacts only once verified; the seed file while the table is empty. */
  directory: ServicesDirectory;
  /** Names of the verified entries: the places a canned reply may name (an appointment's place). */
  places(): Promise<string[]>;
}

export function createLiveLists(stores: DashboardStores, data: Readonly<Record<string, string>>, now: () => Date): LiveLists {
  const seedDestinations = (): { version: string; entries: DestinationList['entries'] } | null => {
    const text = data[RULE_FILES.destinations];
    if (!text) return null;
    return destinationListSchema.parse(parse(text));
  };

  const seedServices = (): ServiceInput[] => {
    const text = data[DIRECTORY_FILE];
    const entries = text ? directoryFileSchema.parse(parse(text)).services : [];
    return entries.map((e) => ({ country: e.country, municipality: e.place, name: e.name, topic: e.topic, what: e.what, contact: e.contact, verified: e.verified }));
  };

  const live: LiveLists = {
    async destinations() {
      const current = await stores.lists.destinations();
      if (current) return current;
      const seed = seedDestinations();
      if (!seed) return null;
      // Two first uses at once: one insert wins, the other reads what it wrote.
      const saved = await stores.lists.saveDestinations(seed.entries, 0, `${RULE_FILES.destinations} version ${seed.version}`, SEED_ACTOR, now());
      return saved ?? stores.lists.destinations();
    },

    async ensureServices() {
      const { total } = await stores.audit.list({ action: SERVICES_SEEDED, offset: 0, limit: 1 });
      if (total > 0) return;
      const entries = seedServices();
      if (await stores.lists.seedServices(entries, SEED_ACTOR, now())) {
        await stores.audit.record({ actorId: null, actor: SEED_ACTOR, action: SERVICES_SEEDED, target: 'services_directory', data: { entries: entries.length } }, now());
      }
    },

    async destinationsInForce() {
      const list = await live.destinations();
      if (list) return { version: String(list.version), entries: list.entries };
      return seedDestinations() ?? { version: '0', entries: [] };
    },

    async shownServices() {
      await live.ensureServices();
      return (await stores.lists.services()).map((s) => ({
        country: s.country,
        place: s.municipality,
        name: s.name,
        topic: s.topic,
        what: s.what,
        // An unchecked phone number or address could send someone to the wrong place.
        contact: s.verified ? s.contact : '',
      }));
    },

    directory: {
      async find(country, place) {
        return findServices(await live.shownServices(), country, place);
      },
    },

    async places() {
      await live.ensureServices();
      return (await stores.lists.services()).filter((s) => s.verified).map((s) => s.name);
    },
  };
  return live;
}

/** What the conversation reads of the lists, from memory; `refresh()` reloads it when it is old. */
export interface ListsSnapshot {
  refresh(): Promise<void>;
  destinationsInForce(): Promise<{ version: string; entries: DestinationList['entries'] }>;
  directory: ServicesDirectory;
}

/**
 * The lists as the bot reads them during a turn. A turn runs inside the contact's transaction, and
 * on the embedded database (a single connection) a read outside that transaction would wait for it
 * forever; so the service calls `refresh()` before it opens the transaction and the turn reads
 * memory. Changes coordinators make reach the bot within `maxAgeMs`.
 */
export function snapshotLists(live: LiveLists, now: () => number, maxAgeMs = 30_000): ListsSnapshot {
  let held: { at: number; destinations: { version: string; entries: DestinationList['entries'] }; services: DirectoryEntry[] } | null = null;
  let loading: Promise<void> | null = null;
  const load = async (): Promise<void> => {
    const [destinations, services] = [await live.destinationsInForce(), await live.shownServices()];
    held = { at: now(), destinations, services };
  };
  const refresh = (): Promise<void> => {
    if (held && now() - held.at < maxAgeMs) return Promise.resolve();
    // Many turns at once share one load.
    loading ??= load().finally(() => (loading = null));
    return loading;
  };
  const current = async (): Promise<NonNullable<typeof held>> => {
    if (!held) await refresh();
    return held!;
  };
  return {
    refresh,
    destinationsInForce: async () => (await current()).destinations,
    directory: { find: async (country, place) => findServices((await current()).services, country, place) },
  };
}
