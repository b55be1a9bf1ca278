// The tests module that VS Code loads inside the real extension host (payload `extensionTestsPath`, like
// @vscode/test-electron does). Plain CommonJS, no build step. It runs mocha over test/e2e/api/*.test.js.
//
// Set by test/e2e/run.mjs through code-server's environment (the extension host inherits it):
//   BENCHPRESS_E2E_GREP          mocha --grep pattern (optional)
//   BENCHPRESS_E2E_RESULTS       file to write { passed, failed, pending, tests: [...] } to (optional)
//   BENCHPRESS_E2E_EXTENSION_ID  id of the extension under test, e.g. "benchpress.benchpress"
// Every line mocha prints starts with "[api] " so run.mjs can tell it from the workbench's own log lines.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');

const REPO = path.resolve(__dirname, '..', '..', '..');

function loadMocha() {
  // mocha@11 is a devDependency of the repo: load it from the repo's node_modules.
  return require(require.resolve('mocha', { paths: [REPO, __dirname] }));
}

exports.run = function run() {
  const Mocha = loadMocha();
  const log = (...args) => console.log('[api] ' + util.format(...args));
  // Reporters print through Base.consoleLog: prefix every line.
  Mocha.reporters.Base.consoleLog = (...args) => {
    const text = args.length ? util.format(...args) : '';
    for (const line of text.split('\n')) console.log('[api] ' + line);
  };
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.BENCHPRESS_E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(__dirname, f));
  for (const f of files) mocha.addFile(f);
  log(`running ${files.length} file(s)${grep ? ` with --grep ${JSON.stringify(grep)}` : ''}`);

  return new Promise((resolve, reject) => {
    const results = [];
    let runner;
    try {
      runner = mocha.run((failures) => {
        const summary = {
          passed: results.filter((r) => r.state === 'passed').length,
          failed: results.filter((r) => r.state === 'failed').length,
          pending: results.filter((r) => r.state === 'pending').length,
          tests: results,
        };
        const out = process.env.BENCHPRESS_E2E_RESULTS;
        if (out) {
          try {
            fs.writeFileSync(out, JSON.stringify(summary, null, 2));
          } catch (e) {
            log(`could not write ${out}: ${e.message}`);
          }
        }
        // Rejecting makes VS Code exit the extension host with code 1 (codeAutomationExit(1)).
        if (failures > 0) reject(new Error(`${failures} API test(s) failed`));
        else resolve();
      });
    } catch (e) {
      // e.g. a syntax error in a test file: say so in the run's output, not only in the extension host log.
      log(`ERROR loading the API tests: ${(e && e.stack) || e}`);
      reject(e);
      return;
    }
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
    runner.on('fail', (t, err) => results.push({ title: t.fullTitle(), state: 'failed', error: String((err && (err.stack || err.message)) || err).split('\n').slice(0, 6).join('\n') }));
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending' }));
  });
};
