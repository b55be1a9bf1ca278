// The flags `benchpress lint` takes, in a module of their own: the check whether a run starts itself again
// (relaunch.ts) reads them before the lint command's own modules are loaded.
import type { FlagSpec } from './args';

export const LINT_FLAGS: FlagSpec = {
  values: ['format', 'config', 'rules', 'fail-on', 'lang'],
  switches: ['fix', 'check-urls', 'allow-private-urls', 'no-cache', 'no-gitignore', 'help'],
};
