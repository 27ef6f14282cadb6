import type { QuickPickItem } from 'vscode';
import type { OrganizationFollower, User } from '../api';
import type { TreeNode } from '../tree/nodes';
import { errorMessage, errorKind } from '../util/errors';
import type { CommandContext } from './CommandContext';
import { targetOrganization, organizationOfNode } from './organizationTarget';
import { loadUsers } from './loadUsers';
import type { PickedOrganization } from './pickOrganization';

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
  const org = await targetOrganization(ctx, node, 'Follow organization');
  const client = ctx.requireClient();
  const me = ctx.auth.user;
  const items = ctx.withProgress('Loading users and followers…', async (signal) => {
    const [users, followers] = await Promise.all([loadUsers(ctx, signal), client.listOrganizationFollowers(org.id, { signal })]);
    const following = new Set(followers.items.map((f) => f.user_id));
    const active = [...users.values()].filter((u) => u.active_flag !== false && u.id !== me?.id).sort((a, b) => a.name.localeCompare(b.name));
    const mine = me ? users.get(me.id) ?? me : undefined;
    return [...(mine ? [{ ...mine, name: `Me (${mine.name})` }] : []), ...active].map<UserItem>((u) => ({
      label: u.name,
      description: following.has(u.id) ? 'already following' : undefined,
      detail: u.email,
      user: u,
      following: following.has(u.id),
    }));
  });
  const picked = await ctx.ui().showQuickPick(items, { title: `Follow "${org.name}"`, placeHolder: 'Who should follow this organization?', matchOnDetail: true });
  const who = picked.user.id === me?.id ? 'You' : picked.user.name;
  if (picked.following) {
    void ctx.ui().showInformationMessage(`${who} already ${who === 'You' ? 'follow' : 'follows'} "${org.name}".`);
    return;
  }
  try {
    await ctx.withProgress(`Adding a follower to "${org.name}"…`, (signal) => ctx.actions.addFollower(org.id, picked.user.id, { signal }));
  } catch (e) {
    // Someone added the same follower meanwhile: Pipedrive answers 400 "already following".
    if (errorKind(e) === 'bad-request' && /already/i.test(errorMessage(e))) {
      throw Object.assign(new Error(`${who} already ${who === 'You' ? 'follow' : 'follows'} "${org.name}".`), { cause: e });
    }
    throw e;
  }
  // Not awaited (here and below): a notification stays until dismissed, and whoever waits on the
  // command (a panel's busy state) must not wait for it.
  void ctx.ui().showInformationMessage(`${who} now ${who === 'You' ? 'follow' : 'follows'} "${org.name}".`);
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
    org = await targetOrganization(ctx, node, 'Unfollow organization');
    const items = ctx.withProgress('Loading followers…', async (signal) => {
      const [users, followers] = await Promise.all([loadUsers(ctx, signal), client.listOrganizationFollowers(org.id, { signal })]);
      const list = followers.items.map<FollowerItem>((f) => {
        const name = users.get(f.user_id)?.name ?? `User ${f.user_id}`;
        return { label: f.user_id === me?.id ? `Me (${name})` : name, description: `since ${f.add_time}`, detail: users.get(f.user_id)?.email, follower: f };
      });
      return list.sort((a, b) => Number(b.follower.user_id === me?.id) - Number(a.follower.user_id === me?.id) || a.label.localeCompare(b.label));
    });
    if ((await items).length === 0) {
      void ctx.ui().showInformationMessage(`Nobody follows "${org.name}".`);
      return;
    }
    follower = (await ctx.ui().showQuickPick(items, { title: `Unfollow "${org.name}"`, placeHolder: 'Which follower should be removed?', matchOnDetail: true })).follower;
  }
  await ctx.withProgress(`Removing a follower of "${org.name}"…`, (signal) => ctx.actions.removeFollower(org.id, follower.id, follower.user_id, { signal }));
  const who = follower.user_id === me?.id ? 'You' : ctx.store.knownUsers.get(follower.user_id)?.name ?? `User ${follower.user_id}`;
  void ctx.ui().showInformationMessage(`${who} no longer ${who === 'You' ? 'follow' : 'follows'} "${org.name}".`);
}

/**
 * The Details panel's Follow button: I follow the organization when I do not yet
 * (POST /v1/organizations/{id}/followers), otherwise I stop following it
 * (DELETE /v1/organizations/{id}/followers/{follower_id}). No prompt: the button says which it is.
 */
export async function toggleFollowMe(ctx: CommandContext, node?: unknown): Promise<void> {
  const org = await targetOrganization(ctx, node, 'Follow or unfollow organization');
  const client = ctx.requireClient();
  const me = ctx.auth.user;
  if (!me) throw new Error('Sign in to Pipedrive first (Pipedrive: Sign In with API Token).');
  const followers = await ctx.withProgress(`Loading the followers of "${org.name}"…`, (signal) => client.listOrganizationFollowers(org.id, { signal }));
  const mine = followers.items.find((f) => f.user_id === me.id);
  if (mine) {
    await ctx.withProgress(`Unfollowing "${org.name}"…`, (signal) => ctx.actions.removeFollower(org.id, mine.id, me.id, { signal }));
    void ctx.ui().showInformationMessage(`You no longer follow "${org.name}".`);
    return;
  }
  try {
    await ctx.withProgress(`Following "${org.name}"…`, (signal) => ctx.actions.addFollower(org.id, me.id, { signal }));
  } catch (e) {
    // Followed meanwhile (another window): the state the button should show is "following" anyway.
    if (!(errorKind(e) === 'bad-request' && /already/i.test(errorMessage(e)))) throw e;
    ctx.actions.followersChanged(org.id, me.id, true);
  }
  void ctx.ui().showInformationMessage(`You now follow "${org.name}".`);
}

