package dev.twilight.client.window;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A one-item handoff between a producer that must never wait (the decoding thread) and a slower consumer (the
 * painter): the producer replaces what the consumer has not taken yet, closing and counting it as dropped.
 *
 * @param <T> what is handed over; closed by whoever drops it
 */
final class Latest<T extends AutoCloseable> {

    private final AtomicReference<T> slot = new AtomicReference<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /** Puts {@code item} in the slot; closes and counts the one it replaces, or {@code item} itself once closed. */
    void offer(T item) {
        if (closed) {
            drop(item);
            return;
        }
        T replaced = slot.getAndSet(item);
        if (replaced != null) {
            drop(replaced);
        }
        if (closed) {
            // close() ran meanwhile and may have emptied the slot before the item arrived
            T left = slot.getAndSet(null);
            if (left != null) {
                drop(left);
            }
        }
    }

    /** @return the latest item, which the caller now owns, or null when none arrived since the last take */
    T take() {
        return slot.getAndSet(null);
    }

    /** Items closed without being taken. */
    long dropped() {
        return dropped.get();
    }

    /** Drops what is left; later offers are dropped at once. */
    void close() {
        closed = true;
        T left = slot.getAndSet(null);
        if (left != null) {
            drop(left);
        }
    }

    private void drop(T item) {
        dropped.incrementAndGet();
        try {
            item.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close " + item, e);
        }
    }
}
