// The filters above a Details section (deals, activities, files) and the follower picker. The page
// (details.ts) owns the saved parameters and the loading; a toolbar only reads the parameters and
// hands every change back through `setParams`, so it never touches the page's state itself.
import {
  DEAL_SORTS,
  DEAL_STATUSES,
  DONE_FILTERS,
  FILE_SORTS,
  MAX_EXCLUDE,
  type DetailsWebviewMessage,
  type SectionId,
  type SectionParams,
} from '../src/webviews/details/protocol';
import { button, checkbox, h, select } from './_dom';
import { t } from './_l10n';

export interface ToolbarDeps {
  /** The current parameters: read on every change, since the page replaces them as they change. */
  params: () => SectionParams;
  setParams: <K extends keyof SectionParams>(key: K, value: SectionParams[K]) => void;
  post: (m: DetailsWebviewMessage) => void;
}

/** False when the host's API cannot limit deals to the primary association (Pipedrive's v2). */
let primaryOnlySupported = true;

/** The host told (in `init`) whether the primary-association filter applies: the boxes shown say so. */
export function setPrimaryOnlySupported(supported: boolean): void {
  primaryOnlySupported = supported;
  document.querySelectorAll<HTMLLabelElement>('label.deals-primary').forEach(explainPrimaryOnly);
}

function primaryOnlyBox(label: HTMLLabelElement): HTMLLabelElement {
  label.classList.add('deals-primary');
  explainPrimaryOnly(label);
  return label;
}

/** Says plainly, on the control itself, when the filter cannot apply, instead of a box that does nothing. */
function explainPrimaryOnly(label: HTMLLabelElement): void {
  const input = label.querySelector('input');
  if (!input) return;
  input.disabled = !primaryOnlySupported;
  label.title = primaryOnlySupported ? '' : t("Pipedrive's current API lists every deal linked to the organization; it cannot limit them to the primary association.");
  label.classList.toggle('unavailable', !primaryOnlySupported);
}

/** Fills the section's toolbar, or hides it for sections without filters. */
export function buildToolbar(id: SectionId, toolbar: HTMLElement, { params, setParams, post }: ToolbarDeps): void {
  const p = params();
  switch (id) {
    case 'deals': {
      const labels: Record<string, string> = { all_not_deleted: t('All not deleted'), open: t('Open'), won: t('Won'), lost: t('Lost'), deleted: t('Deleted') };
      toolbar.append(
        select(t('Status'), DEAL_STATUSES.map((s) => [s, labels[s]] as const), p.deals.status, (status) => setParams('deals', { ...params().deals, status }), 'deal-status'),
        primaryOnlyBox(checkbox(t('Only primary association'), p.deals.onlyPrimary, (onlyPrimary) => setParams('deals', { ...params().deals, onlyPrimary }))),
        select(t('Sort'), DEAL_SORTS.map((s) => [s, sortLabel(s)] as const), p.deals.sort, (sort) => setParams('deals', { ...params().deals, sort }), 'deal-sort'),
      );
      return;
    }
    case 'activities': {
      const labels: Record<string, string> = { all: t('All'), done: t('Done'), notDone: t('Not done') };
      const exclude = h('input', { class: 'text-input', attrs: { type: 'text', placeholder: t('e.g. 12, 15'), 'aria-label': t('Exclude activity ids'), value: p.activities.exclude.join(', ') } });
      exclude.addEventListener('change', () => {
        const ids = exclude.value
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(Number)
          .filter((n) => Number.isSafeInteger(n) && n > 0)
          .slice(0, MAX_EXCLUDE);
        exclude.value = ids.join(', ');
        setParams('activities', { ...params().activities, exclude: ids });
      });
      toolbar.append(
        select(t('Show'), DONE_FILTERS.map((s) => [s, labels[s]] as const), p.activities.done, (done) => setParams('activities', { ...params().activities, done }), 'activity-done'),
        h('label', { class: 'field' }, h('span', { class: 'field-label', text: t('Exclude ids') }), exclude),
      );
      return;
    }
    case 'files':
      toolbar.append(select(t('Sort'), FILE_SORTS.map((s) => [s, sortLabel(s)] as const), p.files.sort, (sort) => setParams('files', { sort }), 'file-sort'));
      return;
    case 'followers': {
      const picker = h('select', { class: 'dropdown follower-picker', attrs: { 'aria-label': t('User to add as follower') } });
      const add = button(t('Add follower'), () => {
        const userId = Number(picker.value);
        if (Number.isSafeInteger(userId) && userId > 0) post({ type: 'addFollower', userId });
      }, { icon: 'add', secondary: true, class: 'add-follower' });
      toolbar.append(h('label', { class: 'field' }, h('span', { class: 'field-label', text: t('User') }), picker), add);
      return;
    }
    default:
      toolbar.hidden = true;
  }
}

function sortLabel(s: string): string {
  const [field, dir] = s.split(' ');
  const names: Record<string, string> = { update_time: t('Last update'), add_time: t('Added'), title: t('Title'), value: t('Value'), id: t('Id') };
  return `${names[field] ?? field} ${dir === 'DESC' ? '↓' : '↑'}`;
}
