// `npm run l10n`: writes l10n/bundle.l10n.json, the English bundle VS Code's l10n tools expect, from
// every t('…') (src/util/l10n.ts) and l10n.t('…') (vscode.l10n, @vscode/l10n in media/) call of
// src/ and media/. The message is the key and the value. A call whose message is not a string literal
// is an error: a translator can only translate what the bundle lists. A unit test checks the committed
// bundle equals this output and that the German bundle covers it.
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');
const SCANNED = ['src', 'media'];

function sourceFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The local names under which a file imports `t` from an l10n module (src/util/l10n, @vscode/l10n). */
function importedT(source) {
  const names = new Set();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!/(^|\/)_?l10n$/.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const e of bindings.elements) if ((e.propertyName ?? e.name).text === 't') names.add(e.name.text);
    }
  }
  return names;
}

/** True for `t(…)` (imported from an l10n module), `l10n.t(…)` and `vscode.l10n.t(…)`. */
function isTranslateCall(node, tNames) {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return tNames.has(callee.text);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /(^|\.)l10n$/.test(callee.expression.getText());
}

/**
 * True for a wrapper that hands its own parameter on (`const t = (message, ...args) => l10n.t(message, ...args)`):
 * the messages are collected where the wrapper is called.
 */
function forwardsParameter(call, first) {
  if (!ts.isIdentifier(first)) return false;
  for (let node = call.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node)) return node.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === first.text);
  }
  return false;
}

/** Every translated message of one file, with its line for error messages. */
function messagesOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = [];
  const tNames = importedT(source);
  const visit = (node) => {
    if (isTranslateCall(node, tNames) && node.arguments.length > 0) {
      const first = node.arguments[0];
      const where = `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) found.push({ message: first.text, where });
      else if (!forwardsParameter(node, first)) found.push({ error: `${where}: the message of ${node.expression.getText()}() must be a string literal` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The bundle: message → message, sorted, so the file's diff shows what changed. */
function collect(root = ROOT) {
  const all = SCANNED.flatMap((dir) => sourceFiles(path.join(root, dir))).sort().flatMap(messagesOf);
  const errors = all.filter((m) => m.error).map((m) => m.error);
  if (errors.length > 0) throw new Error(errors.join('\n'));
  const bundle = {};
  for (const m of [...new Set(all.map((m) => m.message))].sort()) bundle[m] = m;
  return bundle;
}

function render(bundle) {
  return JSON.stringify(bundle, null, 2) + '\n';
}

module.exports = { collect, render, isTranslateCall, importedT, BUNDLE };

if (require.main === module) {
  const bundle = collect();
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
  fs.writeFileSync(BUNDLE, render(bundle));
  console.log(`${path.relative(ROOT, BUNDLE)}: ${Object.keys(bundle).length} messages`);
}
