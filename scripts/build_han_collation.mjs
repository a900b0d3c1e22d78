#!/usr/bin/env node
// Write citelib/_citeproc/collation-han-*.txt: the order ICU's collations give the Han
// characters, as Zotero's engine (citeproc-js, through Intl.Collator) sorts with them.
//
//   node scripts/build_han_collation.mjs
//
// For each of the two Chinese collations ICU has by default, "zh" (pinyin: zh, zh-CN,
// zh-Hans, zh-SG) and "zh-TW" (stroke: zh-Hant, zh-TW, zh-HK, zh-MO), and for the root
// collation every other language uses ("en": radical-stroke), the characters of CJK
// Unified Ideographs (U+4E00..U+9FFF), its Extension A (U+3400..U+4DBF) and U+3007 〇 are
// sorted with Intl.Collator(locale, {sensitivity: "base"}) -- citeproc-js's own options --
// and written on one line, a character's place on it being its primary weight (no two of
// them compare equal). citelib's pure-Python collator (citelib/_citeproc/collation.py)
// reads them; so the order is ICU's, from the CLDR collation data (Unicode License v3)
// in the ICU that node carries (process.versions.icu is written on the first line).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, "..", "citelib", "_citeproc");
const chars = ["\u3007"];
for (const [a, b] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff]]) {
  for (let cp = a; cp <= b; cp += 1) chars.push(String.fromCodePoint(cp));
}
for (const [locale, name] of [["zh", "pinyin"], ["zh-TW", "stroke"], ["en", "radical"]]) {
  const collator = new Intl.Collator(locale, { sensitivity: "base", ignorePunctuation: true });
  const sorted = chars.slice().sort(collator.compare);
  for (let i = 1; i < sorted.length; i += 1) {
    if (collator.compare(sorted[i - 1], sorted[i]) === 0) {
      throw new Error(`${locale}: ${sorted[i - 1]} and ${sorted[i]} compare equal`);
    }
  }
  const header =
    `# ICU ${process.versions.icu} (Unicode ${process.versions.unicode}) collation ${locale} ` +
    `(${name}): Han characters in order; made by scripts/build_han_collation.mjs`;
  const file = path.join(out, `collation-han-${name}.txt`);
  fs.writeFileSync(file, `${header}\n${sorted.join("")}\n`, "utf8");
  process.stdout.write(`${file}: ${sorted.length} characters\n`);
}
