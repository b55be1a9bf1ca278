// Test support, loaded with `node --require` into the built CLI or server (never part of the product): records the
// path of every file system call the main thread makes, and writes them to BP_FS_TRACE (one per line) at exit.
'use strict';
const { isMainThread } = require('node:worker_threads');
const fs = require('node:fs');

const out = process.env.BP_FS_TRACE;
if (isMainThread && out) {
  const seen = new Set();
  const record = (p) => {
    if (typeof p === 'string') seen.add(p);
    else if (p instanceof URL) seen.add(p.pathname);
    else if (Buffer.isBuffer(p)) seen.add(p.toString());
  };
  const names = ['stat', 'lstat', 'readFile', 'readdir', 'realpath', 'open', 'access', 'readlink', 'opendir', 'writeFile', 'rename', 'mkdir', 'rm', 'unlink', 'copyFile'];
  for (const name of names) {
    const original = fs.promises[name];
    if (typeof original === 'function') fs.promises[name] = function (p, ...rest) { record(p); return original.call(this, p, ...rest); };
    for (const sync of [`${name}Sync`, name]) {
      const fn = fs[sync];
      if (typeof fn === 'function' && !fn.__traced) {
        const wrapped = function (p, ...rest) { record(p); return fn.call(this, p, ...rest); };
        wrapped.__traced = true;
        if (fn.native) wrapped.native = function (p, ...rest) { record(p); return fn.native.call(this, p, ...rest); };
        fs[sync] = wrapped;
      }
    }
  }
  const exists = fs.existsSync;
  fs.existsSync = function (p) { record(p); return exists.call(this, p); };
  process.on('exit', () => fs.writeFileSync(out, [...seen].join('\n')));
}
