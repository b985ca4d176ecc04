package dev.twilight.client.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void ranksByTenthsOfAMillisecond() {
        Percentiles percentiles = new Percentiles();
        assertEquals(0, percentiles.millis(0.5), "nothing recorded");
        for (int tenths = 1; tenths <= 100; tenths++) {
            percentiles.recordTenthsOfMs(tenths);
        }
        assertEquals(5.0, percentiles.millis(0.5));
        assertEquals(9.9, percentiles.millis(0.99));
        percentiles.recordNanos(5_000_000_000L);
        assertEquals(1000.0, percentiles.millis(1.0), "longer than a second counts as a second");
    }
}
