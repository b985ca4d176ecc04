package dev.twilight.transport.video;

import dev.twilight.transport.fec.ReedSolomon;
import java.util.Arrays;

/**
 * The shards received so far of one FEC block, indexed by their distance from the block's lowest sequence
 * number. Shard buffers are kept across blocks.
 */
final class FecBlockAssembly {

    private final int shardBytes;
    private byte[][] shards = new byte[0][];
    private boolean[] present = new boolean[0];
    private int dataShards;
    private int parityShards;
    private int received;
    private int lowestSequenceNumber;
    private boolean active;

    FecBlockAssembly(int shardBytes) {
        this.shardBytes = shardBytes;
    }

    void start(int lowestSequenceNumber, int dataShards, int parityShards) {
        int total = dataShards + parityShards;
        if (shards.length < total) {
            int previous = shards.length;
            shards = Arrays.copyOf(shards, total);
            for (int i = previous; i < total; i++) {
                shards[i] = new byte[shardBytes];
            }
            present = new boolean[total];
        }
        Arrays.fill(present, false);
        this.lowestSequenceNumber = lowestSequenceNumber;
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        this.received = 0;
        this.active = true;
    }

    void clear() {
        active = false;
    }

    boolean isActive() {
        return active;
    }

    int dataShards() {
        return dataShards;
    }

    /** Position of a sequence number in this block, or -1 when it lies outside. */
    int indexOf(int sequenceNumber) {
        int index = (sequenceNumber - lowestSequenceNumber) & 0xFFFF;
        return index < dataShards + parityShards ? index : -1;
    }

    /**
     * Stores a shard, zero-padding a short one to full size.
     *
     * @return false when the shard was already there
     */
    boolean add(int index, byte[] source, int offset, int length) {
        if (present[index]) {
            return false;
        }
        System.arraycopy(source, offset, shards[index], 0, length);
        Arrays.fill(shards[index], length, shardBytes, (byte) 0);
        present[index] = true;
        received++;
        return true;
    }

    /** Whether enough shards are in to restore every data shard. */
    boolean isComplete() {
        return received >= dataShards;
    }

    /**
     * Restores missing data shards from parity.
     *
     * @return how many data shards had to be restored, or -1 when the shards do not determine them
     */
    int recoverData() {
        int missing = 0;
        for (int i = 0; i < dataShards; i++) {
            missing += present[i] ? 0 : 1;
        }
        if (missing == 0) {
            return 0;
        }
        boolean[] flags = Arrays.copyOf(present, dataShards + parityShards);
        byte[][] blockShards = Arrays.copyOf(shards, dataShards + parityShards);
        return ReedSolomon.cauchy(dataShards, parityShards).reconstruct(blockShards, flags, 0, shardBytes) ? missing : -1;
    }

    byte[] shard(int index) {
        return shards[index];
    }
}
