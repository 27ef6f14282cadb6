// Bulk delete where Pipedrive has no bulk route (v2): one DELETE per id, a few at a time, with a
// result per id so a partial failure says exactly what was deleted.
import { PartialDeleteError, type DeleteFailure } from './PartialDeleteError';
import { PipedriveError } from './PipedriveError';

/**
 * Deletes every id with `deleteOne`, `concurrency` at a time (the transport paces them). Resolves
 * with the ids in the order given; throws PartialDeleteError(deleted, failed) when any failed, also
 * when cancelled part-way (the ids not yet sent count as failed with the cancellation).
 */
export async function deleteEach(op: string, ids: readonly number[], concurrency: number, deleteOne: (id: number) => Promise<unknown>): Promise<{ id: number[] }> {
  const deleted: number[] = [];
  const failures: DeleteFailure[] = [];
  let next = 0;
  let aborted: PipedriveError | undefined;
  const worker = async () => {
    while (next < ids.length && !aborted) {
      const id = ids[next++];
      try {
        await deleteOne(id);
        deleted.push(id);
      } catch (e) {
        const error = e instanceof PipedriveError ? e : new PipedriveError({ kind: 'network', operation: op, message: String(e) });
        failures.push({ id, error });
        if (error.kind === 'aborted') aborted = error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), ids.length) }, worker));
  const order = new Map(ids.map((id, i) => [id, i]));
  const inOrder = (a: number, b: number) => order.get(a)! - order.get(b)!;
  if (aborted) {
    // Cancelled part-way: what was deleted is gone in Pipedrive and must leave every view.
    if (deleted.length === 0) throw aborted;
    for (const id of ids.slice(next)) failures.push({ id, error: aborted });
  }
  if (failures.length) throw new PartialDeleteError(op, deleted.sort(inOrder), failures.sort((a, b) => inOrder(a.id, b.id)));
  return { id: deleted.sort(inOrder) };
}
