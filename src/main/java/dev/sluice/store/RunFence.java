package dev.sluice.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ties a running job to the node registration that runs it, in the SQL of the statements that claim and change
 * running jobs: a claim writes the registration into the job (and only while that registration exists), and a
 * change of a running job's progress, worker or state matches only the registration that claimed it. A node whose
 * registration was rescued as dead has had its jobs handed to another in the same transaction, so whatever it records
 * afterwards matches no row and is refused. SQLite, one node's own file, has no fence.
 */
final class RunFence {

    static final RunFence NONE = new RunFence(Optional.empty());

    private final Optional<Supplier<String>> node;

    private RunFence(Optional<Supplier<String>> node) {
        this.node = node;
    }

    /** The fence of the registration {@code node} gives at each statement (it changes when the node registers afresh). */
    static RunFence of(Supplier<String> node) {
        return new RunFence(Optional.of(node));
    }

    /** What a claim sets besides the state. */
    String claimSet() {
        return node.isPresent() ? ", node = ?, cancel_requested = FALSE" : "";
    }

    /** What a claim requires besides the state: that the claiming registration still exists. */
    String claimCheck() {
        return node.isPresent() ? " AND EXISTS (SELECT 1 FROM nodes WHERE id = ?)" : "";
    }

    /** What a change of a running job requires besides its state. */
    String ownerCheck() {
        return node.isPresent() ? " AND node = ?" : "";
    }

    /** What a change back to waiting clears. */
    String release() {
        return node.isPresent() ? ", node = NULL, cancel_requested = FALSE" : "";
    }

    /** The arguments of a claim: {@code set} then the fence's set, {@code where} then the fence's check. */
    Object[] claimArgs(Object[] set, Object[] where) {
        String id = node.map(Supplier::get).orElse(null);
        List<Object> args = new ArrayList<>(Arrays.asList(set));
        node.ifPresent(n -> args.add(id));
        args.addAll(Arrays.asList(where));
        node.ifPresent(n -> args.add(id));
        return args.toArray();
    }

    /** The arguments of a change of a running job, with the fence's check last when {@code fenced}. */
    Object[] ownerArgs(boolean fenced, Object... args) {
        if (!fenced || node.isEmpty()) {
            return args;
        }
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = node.get().get();
        return all;
    }
}
