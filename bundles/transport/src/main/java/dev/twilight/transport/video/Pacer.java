package dev.twilight.transport.video;

import java.util.ArrayList;
import java.util.List;

/**
 * When to send a frame's datagrams so that a large frame does not leave as one burst that overflows switch and
 * receiver buffers (fact sheet §2.4, step 5): batches of at most 64 datagrams and under 64 KiB (the most Linux
 * segmentation offload takes in one call), each due when the bit budget has paid for the datagrams before it.
 * Pure arithmetic: the caller sleeps.
 */
public final class Pacer {

    /** Sunshine's budget: 80 % of 1 Gbit/s. */
    public static final long DEFAULT_BITS_PER_SECOND = 800_000_000L;
    private static final int MAX_BATCH_PACKETS = 64;
    private static final int MAX_BATCH_BYTES = 64 * 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * @param firstPacket  index of the batch's first datagram in the frame
     * @param packetCount  datagrams in the batch
     * @param sendAtNanos  earliest send time, in nanoseconds after the frame's first batch
     */
    public record Batch(int firstPacket, int packetCount, long sendAtNanos) {
    }

    private Pacer() {
    }

    /** The batches for {@code packetCount} datagrams of {@code datagramBytes} each at {@code bitsPerSecond}. */
    public static List<Batch> schedule(int packetCount, int datagramBytes, long bitsPerSecond) {
        if (packetCount < 0 || datagramBytes < 1 || bitsPerSecond < 1) {
            throw new IllegalArgumentException("need a non-negative packet count and positive sizes and rate");
        }
        int batchPackets = Math.max(1, Math.min(MAX_BATCH_PACKETS, (MAX_BATCH_BYTES - 1) / datagramBytes));
        List<Batch> batches = new ArrayList<>((packetCount + batchPackets - 1) / batchPackets);
        for (int first = 0; first < packetCount; first += batchPackets) {
            batches.add(new Batch(first, Math.min(batchPackets, packetCount - first),
                    transmitNanos(first, datagramBytes, bitsPerSecond)));
        }
        return batches;
    }

    /**
     * How long {@code packetCount} datagrams take at the budget: the earliest time after a frame's start that
     * the next frame's first batch should go, so that back-to-back frames keep to the rate.
     */
    public static long transmitNanos(int packetCount, int datagramBytes, long bitsPerSecond) {
        return (long) packetCount * datagramBytes * Byte.SIZE * NANOS_PER_SECOND / bitsPerSecond;
    }
}
