// Test support, loaded into the built CLI with `node --require` (never part of the product): plays a second
// program that changes the disk at an exact moment of a run — right after the CLI has read a file or listed a
// folder — so "changed on disk after it was read" and "deleted during the run" can be tested without timing luck.
// BP_FS_HOOK = {"afterRead": [{"file": ABS, "path": ABS, "write": TEXT} | {"file", "path", "delete": true}],
//               "afterReaddir": [{"dir": ABS, "path": ABS, "delete": true}]}; each action runs once.
'use strict';
const { isMainThread } = require('node:worker_threads');
const fs = require('node:fs');

const spec = JSON.parse(process.env.BP_FS_HOOK || '{}');
if (isMainThread) {
  const done = new Set();
  const act = (key, action) => {
    if (done.has(key)) return;
    done.add(key);
    if (action.write !== undefined) fs.writeFileSync(action.path, action.write);
    else if (action.delete) fs.rmSync(action.path, { force: true, recursive: true });
    if (process.env.BP_FS_HOOK_LOG) process.stderr.write(`[fs-hook] ${action.delete ? 'deleted' : 'wrote'} ${action.path}\n`);
  };
  const afterRead = (file) => (spec.afterRead || []).forEach((a, i) => String(file) === a.file && act(`r${i}`, a));
  const afterReaddir = (dir) => (spec.afterReaddir || []).forEach((a, i) => String(dir) === a.dir && act(`d${i}`, a));
  const readFile = fs.promises.readFile;
  fs.promises.readFile = async function (file, ...rest) {
    const result = await readFile.call(this, file, ...rest);
    afterRead(file);
    return result;
  };
  // A draft is read through a file handle (looked at, then read: see server/src/node/drafts.ts).
  const open = fs.promises.open;
  fs.promises.open = async function (file, ...rest) {
    const handle = await open.call(this, file, ...rest);
    const handleReadFile = handle.readFile;
    handle.readFile = async function (...args) {
      const result = await handleReadFile.apply(this, args);
      afterRead(file);
      return result;
    };
    return handle;
  };
  const readdir = fs.promises.readdir;
  fs.promises.readdir = async function (dir, ...rest) {
    const result = await readdir.call(this, dir, ...rest);
    afterReaddir(dir);
    return result;
  };
  // The CLI's walk lists folders synchronously (see blockingReads in server/src/node/files.ts).
  const readdirSync = fs.readdirSync;
  fs.readdirSync = function (dir, ...rest) {
    const result = readdirSync.call(this, dir, ...rest);
    afterReaddir(dir);
    return result;
  };
  // ES modules import `readdirSync` by name: give them the wrapped one too.
  require('node:module').syncBuiltinESMExports();
}
