// The organizations a modal confirm names: one bullet each, at most LISTED, then how many more.
import { t } from '../util/l10n';

/** How many organizations a confirm or a result names before it says "and N more". */
export const LISTED = 10;

/** "• Acme\n• Beta\n… and 3 more": what a bulk action's modal confirm shows. */
export function confirmList(orgs: readonly { name: string }[]): string {
  const lines = orgs.slice(0, LISTED).map((o) => `• ${o.name}`);
  if (orgs.length > LISTED) lines.push(t('… and {0} more', orgs.length - LISTED));
  return lines.join('\n');
}
