// The pipedrive: file system. `pipedrive:/organizations/{id} {name}.json` is an organization as a
// JSON document (a real one: undo, diff with saved, search, formatting all work); saving sends only
// what changed with one PATCH, through the store like every other change. `pipedrive://schema/…`
// serves the schema built from the organization fields (package.json's jsonValidation points there).
import * as vscode from 'vscode';
import { accountLabel } from '../auth/AccountList';
import { isPipedriveError, type Organization, type PipedriveClient, type UpdateOrganizationInput } from '../api';
import type { CommandContext } from '../commands/CommandContext';
import { errorMessage } from '../util/errors';
import { buildCatalog, type DocumentCatalog } from './documentCatalog';
import { changedFieldNames, documentChanges } from './documentChanges';
import { CONFLICT_SCHEME, SCHEMA_AUTHORITY, SCHEMA_PATH, SCHEME, organizationIdOfPath, organizationPath } from './documentPaths';
import { DocumentVersions } from './DocumentVersions';
import { locatePath } from './locatePath';
import { readOnlyOfRecord, renderDocument, valuesOfRecord } from './organizationDocument';
import { organizationSchema } from './organizationSchema';
import { parseDocument, type DocumentProblem, type ParsedDocument } from './parseDocument';
import { t } from '../util/l10n';

const SCHEMA_KEY = 'schema';
/** How long a document read right after activation waits for the silent sign-in. */
const SIGN_IN_WAIT_MS = 15_000;

export class OrganizationFileSystem implements vscode.FileSystemProvider, vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly conflictChanged = new vscode.EventEmitter<vscode.Uri>();
  /** For the read-only pipedrive-conflict: documents (the server's version in a conflict diff). */
  readonly onDidChange = this.conflictChanged.event;
  readonly versions = new DocumentVersions();
  /** Problems of the last save attempt, marked on the field. */
  readonly diagnostics = vscode.languages.createDiagnosticCollection('pipedrive');
  /** Per organization (and the schema): moves forward when the content changed, so VS Code reloads. */
  private readonly mtimes = new Map<string, number>();
  /** Organizations this provider is saving: the store's event for that save is ours. */
  private readonly saving = new Set<number>();
  /** Documents saved through us: once VS Code has finished the save, they reload from the new record. */
  private readonly reloadAfterSave = new Set<string>();
  /** Per document path: the account it was read with (see checkOwner). */
  private readonly owners = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly ctx: CommandContext) {
    this.subscriptions.push(
      this.changed,
      this.conflictChanged,
      this.diagnostics,
      ctx.store.onDidChangeOrganization((e) => this.onStoreChange(e.id, e.kind)),
      ctx.auth.onDidChange(() => {
        // Another account (or none): other records, other fields.
        this.versions.clear();
        this.touch(SCHEMA_KEY, [schemaUri()]);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (!this.reloadAfterSave.delete(doc.uri.toString())) return;
        const id = organizationIdOfPath(doc.uri.path);
        // The saved text still carries the old update_time: show the record as it is now.
        if (id !== undefined) this.touchOrganization(id);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme === SCHEME && e.contentChanges.length) this.diagnostics.delete(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === SCHEME) this.diagnostics.delete(doc.uri);
      }),
    );
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  // ---- opening ------------------------------------------------------------------------------

  /** Reads the organization (one GET) and shows it as a JSON document. */
  async open(id: number): Promise<vscode.TextDocument> {
    const client = this.client();
    const org = await this.ctx.withProgress(t('Opening the organization as JSON…'), (signal) => client.getOrganizationRecord(id, { signal }));
    const known = this.versions.latest(id);
    this.versions.remember(org);
    const open = openDocuments(id)[0];
    // An open, unchanged document shows what we read last: let it reload from this read.
    if (open && !open.isDirty && known?.update_time !== org.update_time) this.touchOrganization(id);
    const doc = open ?? (await vscode.workspace.openTextDocument(organizationUri(id, org.name)));
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }

  // ---- FileSystemProvider ---------------------------------------------------------------------

  watch(): vscode.Disposable {
    // Changes come from this extension only (saves, the store's events); nothing to poll.
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === '/' || uri.path === '/organizations' || (!isSchema(uri) && uri.authority === SCHEMA_AUTHORITY)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const key = keyOf(uri);
    // No request here: VS Code stats often. The size is not known before rendering; the mtime
    // alone tells VS Code when to read again.
    return { type: vscode.FileType.File, ctime: 0, mtime: this.mtimes.get(key) ?? 1, size: 0 };
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    if (isSchema(uri)) return encode(JSON.stringify(organizationSchema(await this.catalog()), null, 2));
    const id = organizationIdOf(uri);
    // Signed in first (a restored document is read while the silent sign-in runs): the owner check needs the account.
    const client = await this.signedInClient();
    this.checkOwner(uri);
    const org = this.versions.latest(id) ?? (await this.read(id, uri, client));
    return encode(renderDocument(org, await this.catalog()));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const id = organizationIdOf(uri);
    this.checkOwner(uri);
    const text = new TextDecoder().decode(content);
    this.diagnostics.delete(uri);
    const catalog = await this.catalog();
    const textVersion = versionOf(text);
    const seen = textVersion !== undefined ? this.versions.record(id, textVersion) : undefined;
    // A version this session never rendered: most likely an edited update_time, named as such.
    const parsed = this.parse(uri, text, catalog, seen ?? this.versions.latest(id));
    const effective = textVersion !== undefined ? this.versions.effective(id, textVersion) : undefined;
    const base = effective !== undefined ? this.versions.record(id, effective) : undefined;
    // Nothing to send: no request at all.
    if (base && isEmpty(documentChanges(valuesOfRecord(base, catalog), parsed.values, catalog))) return;

    const current = await this.read(id, uri);
    this.versions.remember(current);
    // A document from before a restart: its read-only section is checked against the same version.
    if (!seen && textVersion === current.update_time) this.parse(uri, text, catalog, current);
    const conflict = effective !== current.update_time;
    let input = documentChanges(valuesOfRecord(base ?? current, catalog), parsed.values, catalog);
    if (conflict) {
      await this.resolveConflict(uri, current, base, input, catalog);
      if (!base) input = documentChanges(valuesOfRecord(current, catalog), parsed.values, catalog);
    }
    if (isEmpty(input)) return;

    const org = await this.send(id, input);
    this.versions.remember(org);
    // Without a conflict the text now stands for the new version (until it reloads).
    if (!conflict && textVersion !== undefined) this.versions.noteSaved(id, textVersion, org.update_time);
    this.reloadAfterSave.add(uri.toString());
    this.ctx.log.info(`Saved organization ${id} from its JSON document (${changedFieldNames(input, catalog).join(', ')}).`);
  }

  // ---- TextDocumentContentProvider (pipedrive-conflict:) -------------------------------------

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = organizationIdOf(uri);
    const version = new URLSearchParams(uri.query).get('version') ?? '';
    const org = this.versions.record(id, version) ?? this.versions.latest(id);
    if (!org) throw new Error(t('Organization {0} is no longer known here: open it as JSON again.', id));
    return renderDocument(org, await this.catalog());
  }

  // ---- saving ---------------------------------------------------------------------------------

  /** Parses and checks the text; a problem is marked on its field and fails the save. */
  private parse(uri: vscode.Uri, text: string, catalog: DocumentCatalog, version: Organization | undefined): ParsedDocument {
    const parsed = parseDocument(text, catalog, version ? readOnlyOfRecord(version) : undefined);
    if (parsed.ok) return parsed.doc;
    this.mark(uri, text, parsed.problem);
    throw new vscode.FileSystemError(t('Not saved: {0}', parsed.problem.message));
  }

  private mark(uri: vscode.Uri, text: string, problem: DocumentProblem): void {
    const span = locatePath(text, problem.path) ?? { start: 0, end: 0 };
    const range = new vscode.Range(positionAt(text, span.start), positionAt(text, span.end));
    const diagnostic = new vscode.Diagnostic(range, problem.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'Pipedrive';
    this.diagnostics.set(uri, [diagnostic]);
  }

  /**
   * The record changed in Pipedrive since the document was opened: nothing is sent unless the
   * person says so. Compare opens the current record beside the document; Save Mine sends only
   * the fields this document changed (theirs stay).
   */
  private async resolveConflict(uri: vscode.Uri, current: Organization, base: Organization | undefined, mine: UpdateOrganizationInput, catalog: DocumentCatalog): Promise<void> {
    const name = current.name;
    const theirs = base ? changedFieldNames(documentChanges(valuesOfRecord(base, catalog), valuesOfRecord(current, catalog), catalog), catalog) : [];
    const detail = [
      t('Changed there: {0}.', theirs.join(', ') || (base ? t('nothing this document shows') : t('not known (the document was opened before this session)'))),
      t('Your changes: {0}.', changedFieldNames(mine, catalog).join(', ') || t('none')),
      t('Compare shows the current record beside yours. Save Mine sends only your changes; theirs stay.'),
    ].join('\n');
    const compare = { title: t('Compare') };
    const saveMine = { title: t('Save Mine') };
    let choice: { title: string } | undefined;
    try {
      choice = await this.ctx.ui().showWarningMessage(t('"{0}" was changed in Pipedrive since you opened it.', name), { modal: true, detail }, compare, saveMine);
    } catch {
      choice = undefined;
    }
    if (choice?.title === saveMine.title) return;
    if (choice?.title === compare.title) {
      const theirsUri = vscode.Uri.from({ scheme: CONFLICT_SCHEME, path: uri.path, query: new URLSearchParams({ version: current.update_time }).toString() });
      this.conflictChanged.fire(theirsUri);
      await vscode.commands.executeCommand('vscode.diff', theirsUri, uri, t('{0}: in Pipedrive ↔ yours', name));
    }
    throw new vscode.FileSystemError(
      t('Not saved: "{0}" was changed in Pipedrive since you opened it (now {1}). Compare, then save again and choose Save Mine, or revert to take theirs.', name, current.update_time),
    );
  }

  private async send(id: number, input: UpdateOrganizationInput): Promise<Organization> {
    this.saving.add(id);
    try {
      // The one route of every change (OrganizationActions): the tree, the index and open panels follow.
      return await this.ctx.actions.update(id, input);
    } catch (e) {
      throw new vscode.FileSystemError(t('Not saved: {0}', this.ctx.auth.redact(errorMessage(e))));
    } finally {
      this.saving.delete(id);
    }
  }

  /**
   * A document belongs to the account it was first read with: after a switch, the same id is
   * another company's organization, so reading or saving it then is refused (nothing is sent).
   */
  private checkOwner(uri: vscode.Uri): void {
    const account = this.ctx.auth.account;
    if (!account) return;
    const key = uri.path;
    const owner = this.owners.get(key);
    if (owner === undefined) {
      this.owners.set(key, account.id);
      return;
    }
    if (owner === account.id) return;
    const theirs = this.ctx.auth.accounts.find((a) => a.id === owner);
    throw vscode.FileSystemError.NoPermissions(
      `This document belongs to the Pipedrive account ${theirs ? accountLabel(theirs) : 'you signed out of'}, not ${accountLabel(account)}. Switch to that account to save it, or close it; nothing was sent.`,
    );
  }

  // ---- reading --------------------------------------------------------------------------------

  private client(): PipedriveClient {
    try {
      return this.ctx.requireClient();
    } catch (e) {
      throw vscode.FileSystemError.Unavailable(errorMessage(e));
    }
  }

  /**
   * The client, once signed in. A document restored with the window is read as the extension
   * activates, while the silent sign-in with the stored token still runs: wait for that.
   */
  private async signedInClient(): Promise<PipedriveClient> {
    if (!this.ctx.auth.client && (await this.ctx.auth.hasStoredToken())) {
      await new Promise<void>((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        };
        const timer = setTimeout(finish, SIGN_IN_WAIT_MS);
        const sub = this.ctx.auth.onDidChange(finish);
      });
    }
    return this.client();
  }

  private async read(id: number, uri: vscode.Uri, signedIn?: PipedriveClient): Promise<Organization> {
    const client = signedIn ?? (await this.signedInClient());
    try {
      return await client.getOrganizationRecord(id);
    } catch (e) {
      if (isPipedriveError(e) && (e.kind === 'not-found' || e.kind === 'gone')) throw vscode.FileSystemError.FileNotFound(uri);
      throw vscode.FileSystemError.Unavailable(this.ctx.auth.redact(errorMessage(e)));
    }
  }

  private async catalog(): Promise<DocumentCatalog> {
    await this.signedInClient();
    const [fields, users] = await Promise.all([this.ctx.session.organizationFields(), this.ctx.session.users()]);
    return buildCatalog(fields, users.values());
  }

  // ---- change events --------------------------------------------------------------------------

  /** A change made elsewhere in the extension (Edit, merge, delete): open, unchanged documents follow. */
  private onStoreChange(id: number, kind: 'updated' | 'deleted' | 'merged'): void {
    if (this.saving.has(id) || !this.versions.latest(id)) return;
    const record = this.ctx.store.summaryOf(id)?.record;
    if (kind === 'updated' && record?.update_time) this.versions.remember(record);
    else this.versions.forget(id);
    this.touchOrganization(id);
  }

  private touchOrganization(id: number): void {
    const uris = openDocuments(id).map((d) => d.uri);
    this.touch(`org:${id}`, uris);
  }

  private touch(key: string, uris: vscode.Uri[]): void {
    this.mtimes.set(key, Math.max(Date.now(), (this.mtimes.get(key) ?? 0) + 1));
    if (uris.length) this.changed.fire(uris.map((uri) => ({ type: vscode.FileChangeType.Changed, uri })));
  }
}

export function organizationUri(id: number, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: organizationPath(id, name) });
}

export function schemaUri(): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, authority: SCHEMA_AUTHORITY, path: SCHEMA_PATH });
}

function isSchema(uri: vscode.Uri): boolean {
  return uri.authority === SCHEMA_AUTHORITY && uri.path === SCHEMA_PATH;
}

/** The open documents of an organization (its name in the path may have changed since). */
export function openDocuments(id: number): vscode.TextDocument[] {
  return vscode.workspace.textDocuments.filter((d) => d.uri.scheme === SCHEME && organizationIdOfPath(d.uri.path) === id);
}

function organizationIdOf(uri: vscode.Uri): number {
  const id = uri.authority === '' ? organizationIdOfPath(uri.path) : undefined;
  if (id === undefined) throw vscode.FileSystemError.FileNotFound(uri);
  return id;
}

function keyOf(uri: vscode.Uri): string {
  if (isSchema(uri)) return SCHEMA_KEY;
  return `org:${organizationIdOf(uri)}`;
}

/** The version a document text was rendered from: its readOnly.update_time. */
function versionOf(text: string): string | undefined {
  try {
    const v = (JSON.parse(text) as { readOnly?: { update_time?: unknown } })?.readOnly?.update_time;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

function isEmpty(input: UpdateOrganizationInput): boolean {
  return Object.keys(input).length === 0;
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function positionAt(text: string, offset: number): vscode.Position {
  const before = text.slice(0, offset);
  const line = (before.match(/\n/g) ?? []).length;
  return new vscode.Position(line, offset - (before.lastIndexOf('\n') + 1));
}
