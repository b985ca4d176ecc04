package dev.twilight.itest;

import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.pipeline.AccessUnitListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Keeps every access unit a stream delivers and lets a test wait, bounded, for a number of them. */
final class Recorder implements AccessUnitListener {

    private final List<AccessUnit> units = new ArrayList<>();
    private String endReason;

    @Override
    public synchronized void accessUnit(AccessUnit unit) {
        units.add(unit);
        notifyAll();
    }

    @Override
    public synchronized void streamEnded(String reason) {
        endReason = reason;
        notifyAll();
    }

    /** Waits until at least {@code count} units arrived; fails the test after {@code seconds}. */
    synchronized List<AccessUnit> awaitUnits(int count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (units.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || endReason != null) {
                throw new AssertionError("expected " + count + " access units within " + seconds + " s, got "
                        + units.size() + (endReason == null ? "" : "; stream ended: " + endReason));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(units);
    }

    synchronized List<AccessUnit> units() {
        return List.copyOf(units);
    }

    synchronized String endReason() {
        return endReason;
    }
}
