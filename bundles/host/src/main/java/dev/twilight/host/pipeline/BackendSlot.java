package dev.twilight.host.pipeline;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The backend a stream uses for one job (capture source or encoder) and the resource it opened from it. It
 * remembers backends that failed this stream and passes them over until the set of backends or the
 * configuration changes (a new generation), so a broken backend is not retried in a loop. Used by the stream
 * thread only.
 *
 * @param <B> the backend service type
 * @param <R> what the stream opens from it
 */
final class BackendSlot<B, R extends AutoCloseable> {

    /** Opens a resource from a backend; the message of a failure says why. */
    interface Opener<B, R> {
        R open(B backend) throws Exception;
    }

    private final String kind;
    private final Function<Set<B>, Optional<B>> best;
    private final Function<B, String> nameOf;
    private final LongSupplier generation;
    private final Set<B> failed = new HashSet<>();
    private long failedGeneration;
    private B backend;
    private R resource;
    private String lastProblem = "";

    /**
     * @param kind       what the slot holds, for messages ("capture source", "encoder")
     * @param best       the best available backend, given the ones to pass over
     * @param nameOf     a backend's configuration name
     * @param generation counts changes of backends and configuration
     */
    BackendSlot(String kind, Function<Set<B>, Optional<B>> best, Function<B, String> nameOf,
                LongSupplier generation) {
        this.kind = kind;
        this.best = best;
        this.nameOf = nameOf;
        this.generation = generation;
    }

    B backend() {
        return backend;
    }

    R resource() {
        return resource;
    }

    String name() {
        return backend == null ? "" : nameOf.apply(backend);
    }

    String lastProblem() {
        return lastProblem;
    }

    /**
     * Moves to the best backend if it is not the one in use. With {@code wait}, or when nothing is open, waits
     * up to {@code waitMillis} for some backend to open.
     *
     * @return true if a new resource was opened
     * @throws NoBackendException when none could be opened in time
     */
    boolean select(Opener<B, R> opener, long waitMillis) throws InterruptedException, NoBackendException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            if (failedGeneration != generation.getAsLong()) {
                failed.clear();
            }
            Optional<B> candidate = best.apply(failed);
            if (candidate.isPresent() && candidate.get() == backend && resource != null) {
                return false;
            }
            if (candidate.isPresent() && open(candidate.get(), opener)) {
                return true;
            }
            if (candidate.isEmpty() && resource != null) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new NoBackendException("no " + kind + " could serve the stream for " + waitMillis
                        + " ms" + (lastProblem.isEmpty() ? "" : "; last problem: " + lastProblem));
            }
            if (candidate.isEmpty()) {
                Thread.sleep(5);
            }
        }
    }

    /** Opens the resource again from the same backend (new settings). */
    boolean reopen(Opener<B, R> opener) {
        return backend != null && open(backend, opener);
    }

    private boolean open(B candidate, Opener<B, R> opener) {
        try {
            R opened = opener.open(candidate);
            close();
            backend = candidate;
            resource = opened;
            return true;
        } catch (Exception e) {
            fail(candidate, e.getMessage());
            return false;
        }
    }

    /** The backend in use failed: pass it over until something changes, and close what was open. */
    void failed(String problem) {
        fail(backend, problem);
        close();
    }

    private void fail(B candidate, String problem) {
        lastProblem = nameOf.apply(candidate) + ": " + problem;
        if (failed.isEmpty()) {
            failedGeneration = generation.getAsLong();
        }
        failed.add(candidate);
    }

    void close() {
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception e) {
                lastProblem = name() + ": closing failed: " + e.getMessage();
            }
            resource = null;
        }
    }

    /** No backend could serve a stream within the wait limit. */
    static final class NoBackendException extends Exception {
        private static final long serialVersionUID = 1L;

        NoBackendException(String message) {
            super(message);
        }
    }
}
