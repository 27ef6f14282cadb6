import type { User } from '../api';
import type { OwnerScope } from '../model/OrganizationStore';
import { oneLine } from '../util/escape';
import { t } from '../util/l10n';

/** The view's description: who is signed in, in which company, and the scope that narrows the tree. */
export function viewDescription(user: Pick<User, 'name' | 'company_name'>, scope: OwnerScope): string {
  const parts = [user.company_name ? `${user.name} · ${user.company_name}` : user.name];
  if (scope.ownerId !== undefined) parts.push(t('Owner: {0}', scope.ownerName ?? scope.ownerId));
  if (scope.filterId !== undefined) parts.push(t('Filter: {0}', scope.filterName ?? scope.filterId));
  return oneLine(parts.join(' · '));
}
