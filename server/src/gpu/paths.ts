// Where a workspace keeps its own GPU data, and where the CLI keeps the last fetched prices: relative to the
// workspace root. A module of its own so that code which only needs the paths (settings fingerprints) does not
// load the GPU data.
import path from 'node:path';

export const USER_GPUS_FILE = '.benchpress/gpus.json';
export const USER_PRICES_FILE = '.benchpress/prices.json';

/** Where the CLI keeps the last fetched snapshot, relative to the workspace root (the folder ignores itself in git). */
export const PRICE_CACHE_RELATIVE = path.join('.benchpress', '.cache', 'runpod-prices.json');
