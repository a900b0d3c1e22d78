#!/usr/bin/env node
// Render CSL-JSON items with citeproc-js (npm package `citeproc`) and print JSON.
//
// This is the reference engine citelib is measured against: what a Zotero user gets.
// Usage:
//   node citeproc_js.mjs --style STYLE.csl --locales DIR[:DIR...] --items ITEMS.json
//        [--mode bibliography,cite-each,clusters] [--clusters CLUSTERS.json]
//        [--format both|html|text] [--lang LANG] [--force-lang]
//
// Items are registered (cited) in file order, so numeric styles number them in that order.
// Modes (comma-separated, default "bibliography"):
//   bibliography  the reference list: entries [{id, html, text}] in list order
//   cite-each     each item's in-text citation cited alone (makeCitationCluster, all items
//                 registered, so year suffixes and name disambiguation match the list):
//                 citations [{ids: [id], html, text}] in item order
//   clusters      citation clusters from --clusters (a JSON list of lists of cite items
//                 {id, locator?, label?, prefix?, suffix?, mode?...}), processed in order as
//                 a document would (processCitationCluster): citations [{items, html, text}]
//                 holding each cluster's final rendering
// Output: {"engine": {...}, "entries": [...], "citations": [...], "warnings": [...]}.
// With --format text or html only that field is filled (the other is null).
// Settings follow zotero-chinese/styles' own renderer (wrap_url_and_doi), which produced
// the golden lists in ../shared/corpora/zotero-chinese-styles.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const CSL = require("citeproc");
const PACKAGE = require("citeproc/package.json");

const MODES = new Set(["bibliography", "cite-each", "clusters"]);
const FORMATS = { both: ["html", "text"], html: ["html"], text: ["text"] };

function usage(message) {
  process.stderr.write(
    `citeproc_js.mjs: ${message}\n` +
      "usage: node citeproc_js.mjs --style STYLE.csl --locales DIR --items ITEMS.json " +
      "[--mode bibliography,cite-each,clusters] [--clusters FILE] [--format both|html|text] " +
      "[--lang LANG] [--force-lang]\n",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { mode: "bibliography", format: "both", forceLang: false };
  const valued = new Set(["--style", "--locales", "--items", "--mode", "--clusters", "--format", "--lang"]);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--force-lang") {
      opts.forceLang = true;
    } else if (valued.has(arg)) {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      opts[arg.slice(2)] = argv[(i += 1)];
    } else if (arg === "-h" || arg === "--help") {
      usage("help");
    } else {
      usage(`unknown argument ${arg}`);
    }
  }
  for (const name of ["style", "locales", "items"]) {
    if (!opts[name]) usage(`--${name} is required`);
  }
  opts.modes = opts.mode.split(",").filter(Boolean);
  for (const m of opts.modes) if (!MODES.has(m)) usage(`unknown mode ${m}`);
  if (opts.modes.includes("clusters") && !opts.clusters) usage("mode clusters needs --clusters");
  if (!(opts.format in FORMATS)) usage(`unknown format ${opts.format}`);
  return opts;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function makeSys(items, localeDir, warnings) {
  const byId = new Map();
  for (const item of items) byId.set(String(item.id), item);
  const locales = new Map();
  return {
    retrieveLocale(lang) {
      if (locales.has(lang)) return locales.get(lang);
      // DIR may list several folders (DIR1:DIR2): the first that has the file wins
      const file = localeDir
        .split(path.delimiter)
        .map((dir) => path.join(dir, `locales-${lang}.xml`))
        .find((f) => fs.existsSync(f));
      let xml;
      if (file) {
        xml = fs.readFileSync(file, "utf8");
      } else {
        warnings.push(`no locale file for ${lang} in ${localeDir}`);
      }
      locales.set(lang, xml);
      return xml;
    },
    retrieveItem(id) {
      const item = byId.get(String(id));
      if (item === undefined) warnings.push(`no item ${id}`);
      return item;
    },
  };
}

function makeEngine(styleXml, items, opts, format, warnings) {
  // citeproc-js annotates the item objects it is given: each engine gets its own copy.
  const copy = JSON.parse(JSON.stringify(items));
  const sys = makeSys(copy, opts.locales, warnings);
  const engine = new CSL.Engine(sys, styleXml, opts.lang, opts.forceLang);
  engine.opt.development_extensions.wrap_url_and_doi = true;
  engine.setOutputFormat(format);
  return engine;
}

function bibliography(engine) {
  const result = engine.makeBibliography();
  if (!result) return [];
  const [meta, strings] = result;
  // An entry that renders nothing is left out of `strings` (in a non-numeric style; a
  // numeric one gets an error string in its place) but not out of `entry_ids`; its id is
  // in `bibliography_errors` (ERROR_NO_RENDERED_FORM).  Drop those ids before pairing.
  let ids = meta.entry_ids.map((group) => group[0]);
  if (ids.length !== strings.length) {
    const empty = new Set(
      (meta.bibliography_errors || [])
        .filter((e) => e.error_code === CSL.ERROR_NO_RENDERED_FORM)
        .map((e) => String(e.itemID)),
    );
    ids = ids.filter((id) => !empty.has(String(id)));
  }
  if (ids.length !== strings.length) {
    throw new Error(`${strings.length} entries for ${ids.length} ids: cannot pair them`);
  }
  return strings.map((s, i) => ({ id: ids[i], out: s.trim() }));
}

function citeEach(engine, ids) {
  return ids.map((id) => ({ ids: [id], out: engine.makeCitationCluster([{ id }]) }));
}

function clusters(engine, list) {
  const out = [];
  const pre = [];
  list.forEach((citationItems, n) => {
    const citation = {
      citationID: `CITATION-${n + 1}`,
      citationItems: JSON.parse(JSON.stringify(citationItems)),
      properties: { noteIndex: n + 1 },
    };
    if (citationItems.length && citationItems[0].mode === "composite") {
      citation.properties.mode = "composite";
    }
    const [, updates] = engine.processCitationCluster(citation, pre, []);
    for (const [index, text] of updates) out[index] = text;
    pre.push([citation.citationID, n + 1]);
  });
  return list.map((items, i) => ({ items, out: out[i] ?? null }));
}

function run(opts) {
  const styleXml = fs.readFileSync(opts.style, "utf8");
  const items = readJson(opts.items);
  if (!Array.isArray(items)) usage(`${opts.items}: not a CSL-JSON array`);
  const ids = items.map((item) => String(item.id));
  const clusterList = opts.clusters ? readJson(opts.clusters) : null;
  const warnings = [];
  const result = {
    engine: { name: "citeproc-js", version: PACKAGE.version, style: path.basename(opts.style) },
    entries: null,
    citations: null,
    warnings,
  };
  // Rows of one output format join the rows of the other, position by position.
  const merge = (target, rows, format) => {
    rows.forEach((row, i) => {
      const { out, ...rest } = row;
      target[i] = { ...rest, html: null, text: null, ...(target[i] ?? {}) };
      target[i][format] = out;
    });
  };
  const formats = FORMATS[opts.format];
  const rows = Object.fromEntries(formats.map((f) => [f, { entries: [], citations: [] }]));
  if (opts.modes.includes("bibliography") || opts.modes.includes("cite-each")) {
    // One engine serves the list and the single citations in both output formats: the
    // registry (numbers, year suffixes, disambiguation) is built once, and output is
    // generated at call time in the format set just before.
    const engine = makeEngine(styleXml, items, opts, formats[0], warnings);
    engine.updateItems(ids);
    for (const format of formats) {
      engine.setOutputFormat(format);
      if (opts.modes.includes("bibliography")) rows[format].entries.push(...bibliography(engine));
      if (opts.modes.includes("cite-each")) rows[format].citations.push(...citeEach(engine, ids));
    }
  }
  if (opts.modes.includes("clusters")) {
    // processCitationCluster renders as it registers: one fresh engine per output format,
    // with nothing registered up front (the clusters alone decide what is cited and its numbers).
    for (const format of formats) {
      const engine = makeEngine(styleXml, items, opts, format, warnings);
      rows[format].citations.push(...clusters(engine, clusterList));
    }
  }
  for (const format of formats) {
    if (opts.modes.includes("bibliography")) {
      result.entries ??= [];
      merge(result.entries, rows[format].entries, format);
    }
    if (rows[format].citations.length) {
      result.citations ??= [];
      merge(result.citations, rows[format].citations, format);
    }
  }
  result.entries ??= [];
  result.citations ??= [];
  result.warnings = [...new Set(warnings)];
  return result;
}

const opts = parseArgs(process.argv.slice(2));
let result;
try {
  result = run(opts);
} catch (err) {
  process.stderr.write(`citeproc_js.mjs: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(result, null, 1) + "\n");
