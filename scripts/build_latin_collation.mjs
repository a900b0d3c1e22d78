#!/usr/bin/env node
// Write citelib/_citeproc/collation-latin.txt: where ICU's collation for a language puts
// Latin letters and letter groups somewhere else than its root collation does (Czech "ch"
// after "h", "č" after "c"; Swedish "å ä ö" after "z"; Hungarian "cs", "gy", "sz"...), as
// Zotero's engine (citeproc-js, through Intl.Collator) sorts with them.
//
//   node scripts/build_latin_collation.mjs
//
// For each language, the lowercase Latin letters of U+0061..U+007A and U+00DF..U+02AF (IPA letters too: Azerbaijani "ə") and
// the letter pairs and triples that sort as one letter there (a pair "xy" does when it
// sorts after "x" + the language's last letter) are sorted with Intl.Collator(language,
// {sensitivity: "base"}) -- citeproc-js's options -- into classes of letters that compare
// equal.  A class is written as its letters, the plain letter a..z it follows (its anchor)
// and how many classes after that letter it comes; written only where that differs from
// collation.py's own reading of a letter (its base letter: "é" is "e"), and for groups.
// citelib's pure-Python collator (citelib/_citeproc/collation.py) reads the file; the order
// is ICU's, from the CLDR collation data (Unicode License v3) in node's ICU.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(here, "..", "citelib", "_citeproc", "collation-latin.txt");

// languages with a CSL locale (or a Latin-script collation of their own in CLDR)
const LANGUAGES = [
  "af", "az", "bs", "ca", "cs", "cy", "da", "de", "es", "et", "eu", "fi", "fil", "fo", "fr",
  "ga", "gl", "ha", "hr", "hu", "id", "is", "it", "kl", "ku", "lb", "lt", "lv", "mt", "nb",
  "nl", "nn", "om", "pl", "pt", "ro", "se", "sk", "sl", "sq", "sr-Latn", "sv", "sw", "tk",
  "tr", "uz", "vi", "wo", "yo",
];

const PLAIN = [];
for (let cp = 0x61; cp <= 0x7a; cp += 1) PLAIN.push(String.fromCodePoint(cp));
const LETTERS = [...PLAIN];
for (let cp = 0xdf; cp <= 0x2af; cp += 1) {
  const ch = String.fromCodePoint(cp);
  if (/\p{L}/u.test(ch) && ch === ch.toLowerCase() && ch !== "\u00f7") LETTERS.push(ch);
}
// candidate groups: every pair of plain letters, and the pairs and triples with a
// letter of their own that CLDR knows as letters somewhere (dž, dzs, ...)
const GROUPS = [];
for (const a of PLAIN) for (const b of PLAIN) GROUPS.push(a + b);
GROUPS.push("dž", "dzs", "lj", "nj", "ch", "ll", "rr", "ng", "ñg", "aa");

// the root reading of a letter: its base letter (NFD without marks), as collation.py does
const EXPANSIONS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h" };
function rootBase(s) {
  if (s.length !== 1) return null;
  const e = EXPANSIONS[s] ?? s; // "ß" is "ss": no base letter of its own
  const base = e.normalize("NFD").replace(/\p{M}/gu, "");
  return base.length === 1 && PLAIN.includes(base) ? base : null;
}

// each letter's and group's class, as (anchor, classes after it), in one collation
function places(lang) {
  const collator = new Intl.Collator(lang, { sensitivity: "base" });
  const singles = LETTERS.slice().sort(collator.compare);
  const last = singles[singles.length - 1];
  const groups = GROUPS.filter((g) => collator.compare(g, g[0] + last) > 0);
  const all = [...singles, ...groups].sort(collator.compare);
  const out = new Map();
  let anchor = null;
  let offset = 0;
  let previous = null;
  const seen = new Set();
  for (const s of all) {
    if (previous === null || collator.compare(previous, s) !== 0) {
      // a plain letter anchors its class where every plain letter before it in a..z came
      // first; one the language moves ahead (Estonian "z" after "s", Latvian "y" after
      // "i") is placed after the anchor before it, like any other letter
      if (PLAIN.includes(s) && PLAIN.slice(0, PLAIN.indexOf(s)).every((p) => seen.has(p))) {
        anchor = s;
        offset = 0;
      } else {
        offset += 1;
      }
    }
    // (a plain letter equal to the class before it joins that class: Lithuanian "y" = "i")
    if (s.length === 1 && PLAIN.includes(s)) seen.add(s);
    previous = s;
    if (anchor !== null) {
      if (offset > 63) throw new Error(`${lang}: more than 63 classes after ${anchor}`);
      out.set(s, `${anchor}${offset ? `+${offset}` : ""}`);
    }
  }
  return [collator, out];
}

// How collation.py reads a letter before any table: its expansion ("ß" is "ss"), decomposed
// (NFKD: "ĳ" is "ij", "é" is "e") without its marks; a letter that leaves no plain letters
// ("ı", "þ", "ŋ") needs the root collation's own line ("und") to be placed.
function pythonReading(s) {
  const e = EXPANSIONS[s] ?? s;
  return e.normalize("NFKD").replace(/\p{M}/gu, "");
}

const lines = [];
const root = new Map();
for (const lang of ["und", ...LANGUAGES]) {
  const [collator, here] = places(lang);
  const resolved = collator.resolvedOptions().locale;
  const moved = new Map(); // place -> letters
  for (const [s, place] of here) {
    // where collation.py reads it otherwise: a group, or a letter not where it reads it
    if (s.length === 1) {
      if (root.has(s)) {
        if (place === root.get(s)) continue;
      } else {
        const r = pythonReading(s);
        const plain = r.length > 0 && [...r].every((c) => PLAIN.includes(c));
        if (r.length === 1 && plain && place === r) continue;
        if (r.length > 1 && plain && collator.compare(s, r) === 0) continue; // "ß" = "ss"
      }
    }
    if (!moved.has(place)) moved.set(place, []);
    moved.get(place).push(s);
  }
  if (lang === "und") for (const [place, letters] of moved) for (const s of letters) root.set(s, place);
  const tailored = [...moved].map(([place, letters]) => `${letters.join(",")}=${place}`);
  if (tailored.length) lines.push(`${lang}\t${tailored.join(" ")}`);
  process.stdout.write(`${lang} (${resolved}): ${tailored.length} tailored places\n`);
}
const header =
  `# ICU ${process.versions.icu} (Unicode ${process.versions.unicode}): Latin letters where the ` +
  `root collation (und) or a language's puts them apart from their base letter; made by ` +
  `scripts/build_latin_collation.mjs\n# language<TAB>letters=anchor[+classes after it] ...`;
fs.writeFileSync(file, `${header}\n${lines.join("\n")}\n`, "utf8");
process.stdout.write(`${file}: ${lines.length} languages\n`);
