#!/usr/bin/env node
// Run the CSL processor test suite through citeproc-js, as tests/csl_suite.py runs it through
// citelib: which fixtures does the reference engine itself pass?
//
// Usage:
//   node csl_suite_js.mjs --suite DIR --locales DIR[:DIR...] [PREFIX...]
// Prints one JSON object per fixture and line: {"name", "ok", "got", "want"}.  PREFIX limits
// the run to the fixtures whose names start so.  bench/csl_suite_js.py is the usual front end.
//
// A fixture runs as citeproc-js's own runner (Juris-M/citeproc-test-runner) runs it:
//   - every INPUT item is registered (updateItems, in input order) unless there are CITATIONS;
//   - CITATION-ITEMS: each cluster rendered alone (makeCitationCluster); with neither
//     CITATION-ITEMS nor CITATIONS, one cluster of every registered item in registry order;
//   - CITATIONS: processCitationCluster calls in order; the document is kept as the runner
//     keeps it and printed as "..[i] text", with ">>" before the citations the last call
//     returned (re)rendered;
//   - bibliography mode prints makeBibliography's bibstart + entries + bibend.
// Output and RESULT are compared with runs of whitespace collapsed to one space.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const CSL = require("citeproc");

// citeproc-js reports some problems with console.log: keep stdout for the results
const emit = (line) => process.stdout.write(line + "\n");
console.log = (...args) => process.stderr.write(args.join(" ") + "\n");

const SECTION = />>=+\s*([A-Z-]+)\s*=+(?:>>)?[ \t]*\n([\s\S]*?)\n<<=+\s*\1\s*=+(?:<<)?/g;
const JSON_SECTIONS = new Set(["INPUT", "CITATION-ITEMS", "CITATIONS"]);

function usage(message) {
  process.stderr.write(
    `csl_suite_js.mjs: ${message}\n` +
      "usage: node csl_suite_js.mjs --suite DIR --locales DIR[:DIR...] [PREFIX...]\n",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { prefixes: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--suite" || arg === "--locales") {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      opts[arg.slice(2)] = argv[(i += 1)];
    } else if (arg.startsWith("-")) {
      usage(`unknown argument ${arg}`);
    } else {
      opts.prefixes.push(arg);
    }
  }
  if (!opts.suite || !opts.locales) usage("--suite and --locales are required");
  return opts;
}

function readFixture(file) {
  const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const fixture = {};
  for (const m of text.matchAll(SECTION)) {
    fixture[m[1]] = JSON_SECTIONS.has(m[1]) ? JSON.parse(m[2]) : m[2];
  }
  return fixture;
}

function makeSys(fixture, localeDirs) {
  const byId = new Map(fixture.INPUT.map((item) => [String(item.id), item]));
  return {
    retrieveItem: (id) => byId.get(String(id)),
    retrieveLocale(lang) {
      for (const dir of localeDirs) {
        const file = path.join(dir, `locales-${lang}.xml`);
        if (fs.existsSync(file)) {
          return fs.readFileSync(file, "utf8").replace(/\s*<\?[^>]*\?>\s*\n/g, "");
        }
      }
      return false;
    },
  };
}

// The runner's document: after each processCitationCluster call, citations the call no
// longer knows are dropped, the others marked "..", and the returned ones replaced or
// inserted at their index with ">>".
function updateDoc(engine, calls) {
  let doc = [];
  for (const [citation, pre, post] of calls) {
    const [, result] = engine.processCitationCluster(citation, pre, post);
    const known = engine.registry.citationreg.citationById;
    doc = doc.filter((c) => known[c.citationID]).map((c) => ({ ...c, prefix: ".." }));
    const fresh = [];
    for (const [index, text, citationID] of result) {
      const at = doc.findIndex((c) => c.citationID === citationID);
      if (at >= 0) doc[at] = { prefix: ">>", citationID, text };
      else fresh.push({ index, text, citationID });
    }
    for (const { index, text, citationID } of fresh) {
      doc.splice(index, 0, { prefix: ">>", citationID, text });
    }
  }
  return doc.map((c, i) => `${c.prefix}[${i}] ${c.text}`);
}

function render(fixture, localeDirs) {
  const engine = new CSL.Engine(makeSys(fixture, localeDirs), fixture.CSL);
  const mode = (fixture.MODE || "").trim();
  const ids = fixture.INPUT.map((item) => item.id);
  if (!fixture.CITATIONS) engine.updateItems(ids);
  let out;
  if (fixture.CITATIONS) {
    out = updateDoc(engine, fixture.CITATIONS);
  } else {
    const clusters = fixture["CITATION-ITEMS"] ?? [
      engine.registry.reflist.map((entry) => ({ id: entry.id })),
    ];
    out = clusters.map((cluster) => engine.makeCitationCluster(cluster));
  }
  if (mode === "bibliography") {
    const [meta, entries] = engine.makeBibliography();
    return meta.bibstart + entries.join("") + meta.bibend;
  }
  if (mode !== "citation") throw new Error(`unknown mode ${mode}`);
  return out.join("\n");
}

const collapse = (text) => text.split(/\s+/).filter(Boolean).join(" ");

const opts = parseArgs(process.argv.slice(2));
const localeDirs = opts.locales.split(path.delimiter).filter(Boolean);
const names = fs
  .readdirSync(opts.suite)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => f.slice(0, -4))
  .filter((n) => !opts.prefixes.length || opts.prefixes.some((p) => n.startsWith(p)))
  .sort();
for (const name of names) {
  let got;
  let want = "";
  try {
    const fixture = readFixture(path.join(opts.suite, `${name}.txt`));
    want = fixture.RESULT ?? "";
    got = render(fixture, localeDirs);
  } catch (err) {
    got = `${err && err.name ? err.name : "Error"}: ${err && err.message ? err.message : err}`;
  }
  emit(JSON.stringify({ name, ok: collapse(got) === collapse(want), got, want }));
}
