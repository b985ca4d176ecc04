package dev.twilight.client.stats;

/**
 * Percentiles of durations in 0.1 ms steps up to 1 s (longer ones count as 1 s): a fixed histogram, so recording
 * costs the same at the thousandth frame as at the first. Thread-safe.
 */
public final class Percentiles {

    private static final int TENTHS_PER_MS = 10;
    private static final int BUCKETS = 1000 * TENTHS_PER_MS + 1;

    private final long[] counts = new long[BUCKETS];
    private long total;

    public synchronized void recordTenthsOfMs(long tenths) {
        counts[(int) Math.max(0, Math.min(BUCKETS - 1, tenths))]++;
        total++;
    }

    public void recordNanos(long nanos) {
        recordTenthsOfMs(nanos / 100_000);
    }

    /**
     * @param fraction 0.5 for the median, 0.99 for the 99th percentile
     * @return the smallest recorded value (in ms) that at least this share of the values does not exceed; 0 when
     *         nothing was recorded
     */
    public synchronized double millis(double fraction) {
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int bucket = 0; bucket < BUCKETS && total > 0; bucket++) {
            seen += counts[bucket];
            if (seen >= Math.max(1, rank)) {
                return bucket / (double) TENTHS_PER_MS;
            }
        }
        return 0;
    }
}
