// The top of the Details page: the organization's name, facts, counts and custom fields, the
// placeholder shown until they arrive, and the two faces of the Follow button. Only DOM building:
// the page (details.ts) decides when, and keeps whether a header is on screen.
import type { HeaderView } from '../src/webviews/details/protocol';
import { button, externalLink, h, icon } from './_dom';
import { t } from './_l10n';

/** Placeholder lines shown until the header arrives (and while Pipedrive is slow). */
export function skeleton(text: string, ...extra: Node[]): HTMLElement {
  return h('div', { class: 'skeleton', attrs: { role: 'status' } }, h('span', { class: 'skeleton-text', text }), ...extra, h('div', { class: 'skeleton-line wide' }), h('div', { class: 'skeleton-line' }), h('div', { class: 'skeleton-line' }));
}

/** Follow or Unfollow, as the host knows whether I follow (unknown: Follow, the host decides). */
export function renderFollow(followButton: HTMLButtonElement, following: boolean | undefined): void {
  const label = following ? t('Unfollow') : t('Follow');
  followButton.replaceChildren(icon(following ? 'eye-closed' : 'eye'), h('span', { text: label }));
  followButton.classList.toggle('following', following === true);
  followButton.title = following ? t('Stop following this organization') : t('Follow this organization');
}

function fact(label: string, value: Node | string): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', { text: label }), h('dd', {}, value));
}

/** The header into `box`; the Open in Pipedrive button (in the action bar) into `link`. */
export function renderHeader(v: HeaderView, box: HTMLElement, link: HTMLElement, openUrl: (url: string) => void): void {
  const facts = h('dl', { class: 'facts' });
  facts.append(fact(t('Owner'), v.owner || '—'));
  facts.append(fact(t('Address'), v.address || '—'));
  const labels = h('span', { class: 'chips' });
  if (v.labels.length === 0) labels.append('—');
  for (const l of v.labels) labels.append(h('span', { class: 'chip label', text: l }));
  facts.append(fact(t('Labels'), labels));
  facts.append(fact(t('Visible to'), v.visibility || '—'));
  facts.append(fact(t('Added'), v.addTime || '—'));
  facts.append(fact(t('Updated'), v.updateTime || '—'));
  if (v.website) facts.append(fact(t('Website'), externalLink(v.website, v.website, openUrl)));
  const counts = h('ul', { class: 'counts', attrs: { 'aria-label': t('Counts') } });
  for (const c of v.counts) counts.append(h('li', { class: 'count' }, h('span', { class: 'count-value', text: c.value }), h('span', { class: 'count-label', text: c.label })));
  const custom = h('dl', { class: 'facts custom-fields' });
  for (const f of v.customFields) custom.append(fact(f.label, f.value));
  box.replaceChildren(h('h1', { class: 'org-name' }, icon('organization'), h('span', { class: 'name-text', text: v.name })), facts, counts);
  if (v.customFields.length) box.append(h('h2', { class: 'subheading', text: t('Custom fields') }), custom);
  link.replaceChildren();
  if (v.pipedriveUrl) {
    const a = externalLink(t('Open in Pipedrive'), v.pipedriveUrl, openUrl, 'btn secondary link-button');
    a.prepend(icon('link-external'));
    link.append(a);
  }
}

/** What the header shows when it could not be read, with a Retry. */
export function headerError(message: string, retry: () => void): HTMLElement {
  return h('div', { class: 'error-box', attrs: { role: 'alert' } }, icon('error'), h('span', { class: 'error-text', text: message }), button(t('Retry'), retry, { icon: 'refresh', secondary: true }));
}
