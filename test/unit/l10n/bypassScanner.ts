// Finds words shown to a person that bypass l10n: a string literal (or a template or `+` with literal
// words) in a place VS Code shows, not wrapped in t() / l10n.t(). Uses the TypeScript AST, so
// comments, ids and log lines are not mistaken for UI text. Also finds t() calls that run when the
// module loads: those happen before the host sets its translator, so they would stay English.
import * as ts from 'typescript';

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Calls whose every string argument is shown (messages and their buttons). */
const SHOWN_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
/**
 * Calls with one shown argument, by its position: VS Code's (progress titles, tree items, hovers, the
 * status bar) and this project's helpers that pass a title or a sentence on to one of those.
 */
const SHOWN_ARG = new Map<string, number>([
  ['withProgress', 0],
  ['withCountProgress', 0],
  ['TreeItem', 0],
  ['MarkdownString', 0],
  ['setStatusBarMessage', 0],
  ['targetOrganization', 2],
  ['organizationId', 2],
  ['withRetryOffer', 1],
  ['userSchema', 1],
  ['addressSchema', 0],
  ['fail', 1],
]);
/** Object properties and assignments VS Code shows: prompts, quick-pick items, tree items, views. */
const SHOWN_PROPERTIES = new Set(['placeHolder', 'placeholder', 'prompt', 'title', 'label', 'detail', 'description', 'tooltip', 'message', 'validationMessage', 'openLabel', 'saveLabel', 'patternErrorMessage', 'errorMessage', 'markdownDescription']);
/** Assigned, these are shown too: a status bar item's `.text` (as a property, `text` is mostly data). */
const SHOWN_ASSIGNMENTS = new Set([...SHOWN_PROPERTIES, 'text']);
/**
 * A comment with this marker on the line, or the line above, says a literal is not shown (an internal
 * invariant, a cancellation nobody sees); it must give the reason after a colon.
 */
export const IGNORE_MARKER = 'l10n-ignore:';
/** Errors whose message reaches a person through the command boundary or a tree row. */
const ERROR_CLASS = /Error$/;

function calleeName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

function isTranslateCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't';
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /(^|\.)l10n$/.test(callee.expression.getText());
}

/** Text a person would read: letters outside codicons (`$(sync~spin)`) and placeholders. */
function hasWords(text: string): boolean {
  return /[A-Za-z]{2,}/.test(text.replace(/\$\([\w~-]+\)/g, '').replace(/\{\d+\}/g, ''));
}

/** The literal words of an expression that is shown, looking through ?:, ??, ||, + and templates. */
function literalWords(expr: ts.Expression): ts.Node[] {
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr)) return literalWords(expr.expression);
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return hasWords(expr.text) ? [expr] : [];
  if (ts.isTemplateExpression(expr)) {
    const literal = [expr.head.text, ...expr.templateSpans.map((s) => s.literal.text)].join(' ');
    return hasWords(literal) ? [expr] : expr.templateSpans.flatMap((s) => literalWords(s.expression));
  }
  if (ts.isConditionalExpression(expr)) return [...literalWords(expr.whenTrue), ...literalWords(expr.whenFalse)];
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      return [...literalWords(expr.left), ...literalWords(expr.right)];
    }
  }
  if (ts.isArrayLiteralExpression(expr)) return expr.elements.flatMap((e) => (ts.isExpression(e) ? literalWords(e) : []));
  return [];
}

function isFunctionLike(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
}

/** Every bypass in one source file. `file` is how findings name it. */
export function scanSource(file: string, text: string): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const lines = text.split('\n');
  const ignored = (line: number) => [lines[line - 1], lines[line - 2]].some((l) => l !== undefined && new RegExp(`//.*${IGNORE_MARKER}\\s*\\S`).test(l));
  const report = (node: ts.Node, why: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    if (!ignored(line)) findings.push({ file, line, text: node.getText().slice(0, 120), why });
  };
  const check = (expr: ts.Expression | undefined, why: string) => {
    if (expr) for (const node of literalWords(expr)) report(node, why);
  };

  const visit = (node: ts.Node, inFunction: boolean): void => {
    if (isTranslateCall(node)) {
      if (!inFunction) report(node, 't() at module load runs before the host sets its translator: call it inside a function');
      return; // the message is translated; its arguments are data
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
      if (name && SHOWN_CALLS.has(name)) args.forEach((a) => check(a, `${name}() shows it`));
      else if (name && SHOWN_ARG.has(name)) check(args[SHOWN_ARG.get(name)!], `${name}() shows it`);
      else if (name && ts.isNewExpression(node) && ERROR_CLASS.test(name)) check(args[0], `the message of new ${name}() reaches the user`);
    }
    if (ts.isPropertyAssignment(node) && SHOWN_PROPERTIES.has(node.name.getText().replace(/^['"]|['"]$/g, ''))) {
      check(node.initializer, `${node.name.getText()}: is shown`);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && SHOWN_ASSIGNMENTS.has(node.left.name.text)) {
      check(node.right, `.${node.left.name.text} = is shown`);
    }
    ts.forEachChild(node, (child) => visit(child, inFunction || isFunctionLike(node)));
  };
  visit(source, false);
  return findings;
}
