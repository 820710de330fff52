package io.kinetic.kernel.outbox;

/**
 * Group commit for writes that can be lost in a crash without losing anything: a select-list item
 * that makes the current transaction (or the one statement it is in) commit without waiting for its
 * WAL to reach the disk ({@code synchronous_commit = off} for this transaction only). PostgreSQL's
 * promise for such a commit: a crash may lose it, as if it had been rolled back, never corrupt or
 * reorder anything; and any later commit that waits for its flush (the default, every order,
 * payment and stock change) flushes the relaxed ones before it (one WAL, in commit order).
 *
 * <p>So it is used only where a lost commit is redone from what is durable: the event log's relay
 * (positions given again to the rows that survive the crash; whatever read the lost positions
 * committed after them in the WAL and is lost with them), the pass of a consumer that opts in
 * ({@link LogConsumer#relaxCommits}: its effects and checkpoint, applied again from the log; not
 * the recommender's, which learns in memory after its commit), a placement's marker (written
 * before the stock is taken: if the taking is durable, so is the marker), and the cart's
 * {@code CartCreated} (only a count in the funnel: lost in a crash, the funnel misses one cart, as
 * when its append fails), and a reader's report with its log read (an older position: the log is
 * purged less). What happens outside PostgreSQL after such a commit (a bus
 * publication, a cache) may have to be undone by the redo: it is at least once, as every
 * consumer's outside effects already are.
 * Under load about a third of an order's commits are these; each no longer waits for a disk flush
 * of its own. All the contexts share one
 * PostgreSQL (one WAL): a context moved to a server of its own must commit its relay durably.
 */
public final class Relaxed {

  /** {@code set_config('synchronous_commit', 'off', true)}, as a select-list or RETURNING item. */
  public static final String COMMIT = "set_config('synchronous_commit', 'off', true) AS relaxed";

  private Relaxed() {
  }
}
