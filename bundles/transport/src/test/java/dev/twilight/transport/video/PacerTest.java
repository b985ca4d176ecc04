package dev.twilight.transport.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void batchesStayUnder64KibAndAreDueWhenTheBudgetHasPaidForWhatWentBefore() {
        // 1408-byte datagrams: 46 per batch (64 768 bytes); at 800 Mbit/s one takes 14 080 ns
        List<Pacer.Batch> batches = Pacer.schedule(100, 1408, Pacer.DEFAULT_BITS_PER_SECOND);
        assertEquals(List.of(new Pacer.Batch(0, 46, 0), new Pacer.Batch(46, 46, 46 * 14_080L),
                new Pacer.Batch(92, 8, 92 * 14_080L)), batches);
        assertEquals(100 * 14_080L, Pacer.transmitNanos(100, 1408, Pacer.DEFAULT_BITS_PER_SECOND));
    }

    @Test
    void smallDatagramsAreCappedAt64PerBatchAndHugeOnesGoOneByOne() {
        assertEquals(64, Pacer.schedule(200, 300, Pacer.DEFAULT_BITS_PER_SECOND).get(0).packetCount());
        assertEquals(63, Pacer.schedule(64, 1024, 1_000_000_000L).get(0).packetCount(),
                "64 datagrams of 1 KiB would be exactly 64 KiB, not under");
        assertEquals(3, Pacer.schedule(3, 65_000, Pacer.DEFAULT_BITS_PER_SECOND).size());
        assertEquals(List.of(), Pacer.schedule(0, 1408, Pacer.DEFAULT_BITS_PER_SECOND));
    }
}
