package dev.twilight.transport.video;

import java.util.ArrayList;
import java.util.List;

/**
 * How one frame splits into FEC blocks (fact sheet §2.4, steps 1-3): as many blocks as the data needs at the
 * largest data-shard count that still leaves room for the parity within 255 shards, at most four; blocks of
 * equal whole-shard size with the remainder in the last; per block ⌈D·F/100⌉ parity shards, raised to the
 * client's minimum with F rewritten so that the client's ⌈D·F/100⌉ gives the same count.
 *
 * @param blocks the frame's blocks in order
 */
record FecLayout(List<Block> blocks) {

    private static final int MAX_RS_SHARDS = 255;
    private static final int MAX_PERCENTAGE = 255;

    /**
     * @param firstShard    index of the block's first data shard among the frame's data shards
     * @param dataShards    data shards in the block
     * @param parityShards  parity shards in the block
     * @param fecPercentage the percentage written into fecInfo, from which the client derives the parity count
     */
    record Block(int firstShard, int dataShards, int parityShards, int fecPercentage) {
    }

    /**
     * @param dataShards            data shards of the whole frame
     * @param fecPercentage         configured FEC percentage
     * @param minRequiredFecPackets the client's minimum parity shards per block
     * @throws IllegalArgumentException when a block would need more shards than fecInfo can index
     */
    static FecLayout of(int dataShards, int fecPercentage, int minRequiredFecPackets) {
        // Sunshine sizes blocks in bytes of the stream whose last shard is partial; because a shard's 32-byte
        // header slot exceeds the block count, the whole-shard counts below come out the same.
        int maxDataShardsPerBlock = MAX_RS_SHARDS * 100 / (100 + fecPercentage);
        int blockCount = ceilDiv(dataShards, maxDataShardsPerBlock);
        int percentage = fecPercentage;
        if (blockCount > VideoWire.MAX_FEC_BLOCKS) {
            percentage = 0;
            blockCount = VideoWire.MAX_FEC_BLOCKS;
        }
        int shardsPerBlock = ceilDiv(dataShards, blockCount);
        if (shardsPerBlock > VideoWire.MAX_SHARDS_PER_BLOCK) {
            throw new IllegalArgumentException("a frame of " + dataShards + " packets needs " + shardsPerBlock
                    + " packets per FEC block, more than the " + VideoWire.MAX_SHARDS_PER_BLOCK + " fecInfo can index");
        }
        List<Block> blocks = new ArrayList<>(blockCount);
        for (int index = 0; index < blockCount; index++) {
            int first = index * shardsPerBlock;
            int data = index == blockCount - 1 ? dataShards - first : shardsPerBlock;
            blocks.add(block(first, data, percentage, minRequiredFecPackets));
        }
        return new FecLayout(List.copyOf(blocks));
    }

    private static Block block(int firstShard, int dataShards, int fecPercentage, int minRequiredFecPackets) {
        if (fecPercentage == 0) {
            return new Block(firstShard, dataShards, 0, 0);
        }
        int parity = VideoWire.parityShardsFor(dataShards, fecPercentage);
        int percentage = fecPercentage;
        if (parity < minRequiredFecPackets) {
            int raised = Math.min(minRequiredFecPackets, MAX_RS_SHARDS - dataShards);
            percentage = Math.min(MAX_PERCENTAGE, 100 * raised / dataShards);
            parity = VideoWire.parityShardsFor(dataShards, percentage);
        }
        return new Block(firstShard, dataShards, parity, percentage);
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    int totalShards() {
        int total = 0;
        for (Block block : blocks) {
            total += block.dataShards() + block.parityShards();
        }
        return total;
    }
}
