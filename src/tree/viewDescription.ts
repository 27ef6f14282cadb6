import type { User } from '../api';
import type { OwnerScope } from '../model/OrganizationStore';
import { oneLine } from '../util/escape';

/** The view's description: who is signed in, in which company, and the scope that narrows the tree. */
export function viewDescription(user: Pick<User, 'name' | 'company_name'>, scope: OwnerScope): string {
  const parts = [user.company_name ? `${user.name} · ${user.company_name}` : user.name];
  if (scope.ownerId !== undefined) parts.push(`Owner: ${scope.ownerName ?? scope.ownerId}`);
  if (scope.filterId !== undefined) parts.push(`Filter: ${scope.filterName ?? scope.filterId}`);
  return oneLine(parts.join(' · '));
}
