package dev.twilight.input.x11;

import java.util.concurrent.atomic.AtomicLongArray;

/** One count per {@link InputCounter}, written by any thread, read by anyone. */
final class Counters {

    private final AtomicLongArray counts = new AtomicLongArray(InputCounter.values().length);

    void increment(InputCounter counter) {
        counts.incrementAndGet(counter.ordinal());
    }

    long get(InputCounter counter) {
        return counts.get(counter.ordinal());
    }
}
