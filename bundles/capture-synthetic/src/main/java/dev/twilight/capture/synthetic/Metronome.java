package dev.twilight.capture.synthetic;

import dev.twilight.api.capture.CaptureException;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock a synthetic capture runs by: tick {@code n} is due {@code n} intervals after the start, so a reader
 * that falls behind catches up instead of drifting. Stopping it from any thread wakes a waiting reader at once.
 */
final class Metronome {

    private final long startNanos = System.nanoTime();
    private final long intervalNanos;
    private final String what;
    private volatile boolean stopped;
    private volatile Thread waiter;

    /** @param what the capture, for the message a reader gets once it is stopped */
    Metronome(long intervalNanos, String what) {
        this.intervalNanos = intervalNanos;
        this.what = what;
    }

    /** Waits until tick {@code tick} is due. */
    void await(long tick) throws CaptureException, InterruptedException {
        long due = startNanos + tick * intervalNanos;
        waiter = Thread.currentThread();
        try {
            for (long wait = due - System.nanoTime(); wait > 0 && !stopped; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(this, wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            waiter = null;
        }
        if (stopped) {
            throw new CaptureException(what + " was closed");
        }
    }

    /** @return whether this call stopped it (false when it was stopped already) */
    boolean stop() {
        if (stopped) {
            return false;
        }
        stopped = true;
        Thread thread = waiter;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        return true;
    }
}
