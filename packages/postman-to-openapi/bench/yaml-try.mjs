import { readFileSync } from 'node:fs';
import { Document, stringify } from 'yaml';
import { convert } from '../dist/index.js';

const c = JSON.parse(readFileSync('/work/shared/corpus/real-world/fastly.postman.json', 'utf8'));
const { document } = convert(c);
for (const opts of [
  { lineWidth: 0, aliasDuplicateObjects: false },
  { lineWidth: 0, aliasDuplicateObjects: false, version: '1.2', schema: 'core' },
  { lineWidth: 0, aliasDuplicateObjects: false, blockQuote: 'literal' },
  { lineWidth: 0, aliasDuplicateObjects: false, doubleQuotedAsJSON: true },
]) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    stringify(document, opts);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify(opts), 'median', times[2].toFixed(1));
}
let t = performance.now();
const d = new Document(document, { aliasDuplicateObjects: false });
console.log('createNode', (performance.now() - t).toFixed(1));
t = performance.now();
d.toString({ lineWidth: 0 });
console.log('toString', (performance.now() - t).toFixed(1));
