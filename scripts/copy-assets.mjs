// Copies the data files that live beside the code (YAML policies, detector dictionaries) into the build.
import { cpSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ASSET = /\.(ya?ml|json|txt)$/;
function copy(dir) {
  for (const name of readdirSync(dir)) {
    const from = path.join(dir, name);
    if (statSync(from).isDirectory()) copy(from);
    else if (ASSET.test(name)) cpSync(from, path.join('dist', from));
  }
}
copy('src');
