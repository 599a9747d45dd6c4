#!/usr/bin/env node
// Entry point for `npx custos`: runs the compiled CLI (built by `npm install` via the prepare script).
import('../dist/src/cli/main.js').then((m) => m.runCli(process.argv)).catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('custos: the build is missing; run `npm run build` first.');
    process.exit(70);
  }
  throw err;
});
