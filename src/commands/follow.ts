import type { QuickPickItem } from 'vscode';
import type { OrganizationFollower, User } from '../api';
import type { TreeNode } from '../tree/nodes';
import { errorMessage, errorKind } from '../util/errors';
import type { CommandContext } from './CommandContext';
import { targetOrganization, organizationOfNode } from './organizationTarget';
import { loadUsers } from './loadUsers';
import type { PickedOrganization } from './pickOrganization';
import { t } from '../util/l10n';

interface UserItem extends QuickPickItem {
  user: User;
  following: boolean;
}

interface FollowerItem extends QuickPickItem {
  follower: OrganizationFollower;
}

/** A follower row of the tree (Followers group) carries the follower record. */
function followerOfNode(node: unknown): OrganizationFollower | undefined {
  const n = node as TreeNode | undefined;
  if (n?.type !== 'item' || n.group !== 'followers') return undefined;
  return n.item as OrganizationFollower;
}

/**
 * pipedrive.follow: a user (default: me) follows the organization — POST /v1/organizations/{id}/followers.
 * Users who already follow it are marked in the list; picking one says so without a request.
 */
export async function follow(ctx: CommandContext, node?: unknown): Promise<void> {
  const org = await targetOrganization(ctx, node, t('Follow organization'));
  const client = ctx.requireClient();
  const me = ctx.auth.user;
  const items = ctx.withProgress(t('Loading users and followers…'), async (signal) => {
    const [users, followers] = await Promise.all([loadUsers(ctx, signal), client.listOrganizationFollowers(org.id, { signal })]);
    const following = new Set(followers.items.map((f) => f.user_id));
    const active = [...users.values()].filter((u) => u.active_flag !== false && u.id !== me?.id).sort((a, b) => a.name.localeCompare(b.name));
    const mine = me ? users.get(me.id) ?? me : undefined;
    return [...(mine ? [{ ...mine, name: t('Me ({0})', mine.name) }] : []), ...active].map<UserItem>((u) => ({
      label: u.name,
      description: following.has(u.id) ? t('already following') : undefined,
      detail: u.email,
      user: u,
      following: following.has(u.id),
    }));
  });
  const picked = await ctx.ui().showQuickPick(items, { title: t('Follow "{0}"', org.name), placeHolder: t('Who should follow this organization?'), matchOnDetail: true });
  const isMe = picked.user.id === me?.id;
  const alreadyFollows = () => (isMe ? t('You already follow "{0}".', org.name) : t('{0} already follows "{1}".', picked.user.name, org.name));
  if (picked.following) {
    void ctx.ui().showInformationMessage(alreadyFollows());
    return;
  }
  try {
    await ctx.withProgress(t('Adding a follower to "{0}"…', org.name), (signal) => ctx.actions.addFollower(org.id, picked.user.id, { signal }));
  } catch (e) {
    // Someone added the same follower meanwhile: Pipedrive answers 400 "already following".
    if (errorKind(e) === 'bad-request' && /already/i.test(errorMessage(e))) {
      throw Object.assign(new Error(alreadyFollows()), { cause: e });
    }
    throw e;
  }
  // Not awaited (here and below): a notification stays until dismissed, and whoever waits on the
  // command (a panel's busy state) must not wait for it.
  void ctx.ui().showInformationMessage(isMe ? t('You now follow "{0}".', org.name) : t('{0} now follows "{1}".', picked.user.name, org.name));
}

/**
 * pipedrive.unfollow: removes a follower (picked among GET /v1/organizations/{id}/followers, me
 * first), or the follower row it was run on — DELETE /v1/organizations/{id}/followers/{follower_id}.
 */
export async function unfollow(ctx: CommandContext, node?: unknown): Promise<void> {
  const client = ctx.requireClient();
  const me = ctx.auth.user;
  const row = followerOfNode(node);
  let org: PickedOrganization;
  let follower: OrganizationFollower;
  if (row) {
    org = organizationOfNode(ctx, { type: 'organization', orgId: row.org_id })!;
    follower = row;
  } else {
    org = await targetOrganization(ctx, node, t('Unfollow organization'));
    const items = ctx.withProgress(t('Loading followers…'), async (signal) => {
      const [users, followers] = await Promise.all([loadUsers(ctx, signal), client.listOrganizationFollowers(org.id, { signal })]);
      const list = followers.items.map<FollowerItem>((f) => {
        const name = users.get(f.user_id)?.name ?? t('User {0}', f.user_id);
        return { label: f.user_id === me?.id ? t('Me ({0})', name) : name, description: t('since {0}', f.add_time), detail: users.get(f.user_id)?.email, follower: f };
      });
      return list.sort((a, b) => Number(b.follower.user_id === me?.id) - Number(a.follower.user_id === me?.id) || a.label.localeCompare(b.label));
    });
    if ((await items).length === 0) {
      void ctx.ui().showInformationMessage(t('Nobody follows "{0}".', org.name));
      return;
    }
    follower = (await ctx.ui().showQuickPick(items, { title: t('Unfollow "{0}"', org.name), placeHolder: t('Which follower should be removed?'), matchOnDetail: true })).follower;
  }
  await ctx.withProgress(t('Removing a follower of "{0}"…', org.name), (signal) => ctx.actions.removeFollower(org.id, follower.id, follower.user_id, { signal }));
  const who = ctx.store.knownUsers.get(follower.user_id)?.name ?? t('User {0}', follower.user_id);
  void ctx.ui().showInformationMessage(follower.user_id === me?.id ? t('You no longer follow "{0}".', org.name) : t('{0} no longer follows "{1}".', who, org.name));
}

/**
 * The Details panel's Follow button: I follow the organization when I do not yet
 * (POST /v1/organizations/{id}/followers), otherwise I stop following it
 * (DELETE /v1/organizations/{id}/followers/{follower_id}). No prompt: the button says which it is.
 */
export async function toggleFollowMe(ctx: CommandContext, node?: unknown): Promise<void> {
  const org = await targetOrganization(ctx, node, t('Follow or unfollow organization'));
  const client = ctx.requireClient();
  const me = ctx.auth.user;
  if (!me) throw new Error(t('Sign in to Pipedrive first (Pipedrive: Sign In with API Token).'));
  const followers = await ctx.withProgress(t('Loading the followers of "{0}"…', org.name), (signal) => client.listOrganizationFollowers(org.id, { signal }));
  const mine = followers.items.find((f) => f.user_id === me.id);
  if (mine) {
    await ctx.withProgress(t('Unfollowing "{0}"…', org.name), (signal) => ctx.actions.removeFollower(org.id, mine.id, me.id, { signal }));
    void ctx.ui().showInformationMessage(t('You no longer follow "{0}".', org.name));
    return;
  }
  try {
    await ctx.withProgress(t('Following "{0}"…', org.name), (signal) => ctx.actions.addFollower(org.id, me.id, { signal }));
  } catch (e) {
    // Followed meanwhile (another window): the state the button should show is "following" anyway.
    if (!(errorKind(e) === 'bad-request' && /already/i.test(errorMessage(e)))) throw e;
    ctx.actions.followersChanged(org.id, me.id, true);
  }
  void ctx.ui().showInformationMessage(t('You now follow "{0}".', org.name));
}

