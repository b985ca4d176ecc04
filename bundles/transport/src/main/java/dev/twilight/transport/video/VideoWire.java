package dev.twilight.transport.video;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Offsets, flags and field packing of the unencrypted video shard (fact sheet §2.2 and §2.3). A shard is
 * {@code packetSize + 16} bytes: a 32-byte header (12 RTP, 4 reserved, 16 NV) and {@code packetSize - 16}
 * bytes of the frame stream, whose first 8 bytes are the frame header.
 */
final class VideoWire {

    static final int HEADER_BYTES = 32;
    /** A datagram is packetSize plus this; the payload is packetSize minus it. */
    static final int PACKET_SIZE_MARGIN = 16;

    static final int RTP_VERSION_2_WITH_EXTENSION = 0x90;
    static final int RTP_FLAGS = 0;
    static final int SEQUENCE_NUMBER = 2;
    static final int TIMESTAMP = 4;
    static final int STREAM_PACKET_INDEX = 16;
    static final int FRAME_INDEX = 20;
    static final int FLAGS = 24;
    static final int MULTI_FEC_FLAGS = 26;
    static final int MULTI_FEC_BLOCKS = 27;
    static final int FEC_INFO = 28;

    static final int FLAG_PICTURE_DATA = 0x01;
    static final int FLAG_END_OF_BLOCK = 0x02;
    static final int FLAG_START_OF_BLOCK = 0x04;
    static final int MULTI_FEC_CAPABLE = 0x10;

    static final int MAX_FEC_BLOCKS = 4;
    static final int MAX_SHARDS_PER_BLOCK = 1023;

    static final int FRAME_HEADER_BYTES = 8;
    static final int SHORT_FRAME_HEADER = 0x01;
    static final int FRAME_HEADER_LATENCY = 1;
    static final int FRAME_HEADER_FRAME_TYPE = 3;
    static final int FRAME_HEADER_LAST_PAYLOAD_LENGTH = 4;

    static final VarHandle BIG_ENDIAN_16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle BIG_ENDIAN_32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LITTLE_ENDIAN_16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LITTLE_ENDIAN_32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private VideoWire() {
    }

    /** fecInfo: data shards in bits 22-31, shard index in bits 12-21, FEC percentage in bits 4-11. */
    static int fecInfo(int shardIndex, int dataShards, int fecPercentage) {
        return dataShards << 22 | shardIndex << 12 | fecPercentage << 4;
    }

    static int shardIndexOf(int fecInfo) {
        return fecInfo >>> 12 & 0x3FF;
    }

    static int dataShardsOf(int fecInfo) {
        return fecInfo >>> 22;
    }

    static int fecPercentageOf(int fecInfo) {
        return fecInfo >>> 4 & 0xFF;
    }

    /** The receiver's rule, which the sender must satisfy: parity = ⌈data · percentage / 100⌉. */
    static int parityShardsFor(int dataShards, int fecPercentage) {
        return (dataShards * fecPercentage + 99) / 100;
    }

    /** multiFecBlocks: index of this block in bits 4-5, index of the frame's last block in bits 6-7. */
    static int multiFecBlocks(int blockIndex, int lastBlockIndex) {
        return blockIndex << 4 | lastBlockIndex << 6;
    }

    static int blockIndexOf(int multiFecBlocks) {
        return multiFecBlocks >>> 4 & 0x3;
    }

    static int lastBlockIndexOf(int multiFecBlocks) {
        return multiFecBlocks >>> 6 & 0x3;
    }
}
