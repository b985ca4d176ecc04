package dev.twilight.client.play;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StampSequenceTest {

    @Test
    void countsSkippedNumbersAndNumbersThatGoBack() {
        StampSequence stamps = new StampSequence();
        for (long number : new long[] {5, 6, 9, 9, 7, 10}) {
            stamps.record(number);
        }
        assertEquals(6, stamps.count());
        assertEquals(5, stamps.first());
        assertEquals(10, stamps.last());
        assertEquals(2, stamps.gaps(), "7 and 8 were skipped before 9");
        assertEquals(2, stamps.outOfOrder(), "the second 9, then 7");
    }
}
