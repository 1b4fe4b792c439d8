// The state of src/ that a build of dist/ reflects: its newest modification time and its number of
// TypeScript files (tests aside). `npm run build` records it in dist/.source-state; bin/regd.js runs
// dist/ only while src/ still has that state (an edit or a pull without a build falls back to tsx).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function sourceState(root) {
  let newest = 0;
  let files = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        files++;
        newest = Math.max(newest, statSync(p).mtimeMs);
      }
    }
  };
  walk(join(root, 'src'));
  return `${files} ${Math.floor(newest)}`;
}
