package dev.twilight.transport.video;

import static dev.twilight.transport.video.VideoWire.BIG_ENDIAN_16;
import static dev.twilight.transport.video.VideoWire.BIG_ENDIAN_32;
import static dev.twilight.transport.video.VideoWire.FRAME_HEADER_BYTES;
import static dev.twilight.transport.video.VideoWire.HEADER_BYTES;
import static dev.twilight.transport.video.VideoWire.LITTLE_ENDIAN_16;
import static dev.twilight.transport.video.VideoWire.LITTLE_ENDIAN_32;
import static dev.twilight.transport.video.VideoWire.PACKET_SIZE_MARGIN;

import dev.twilight.transport.crypto.VideoCipher;
import dev.twilight.transport.fec.ReedSolomon;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The client side of the video stream (fact sheet §2.5): collects the datagrams of one FEC block at a time,
 * rebuilds missing data packets from parity once any {@code D} of a block's shards are in, completes the blocks
 * of a frame in order, and hands out frames with the frame header and padding removed.
 *
 * <p>A frame whose block can no longer complete — a later block or frame started first, or a block was skipped
 * — is reported through {@link VideoFrameListener#framesLost}, together with frames that never showed up at all.
 * Packets of reported or completed frames are dropped. Frame numbering starts at 1.
 *
 * <p>Not thread-safe: one receive thread calls {@link #accept}; {@link #statistics()} may be read from any thread.
 */
public final class VideoDepacketizer {

    private static final int FIRST_FRAME_INDEX = 1;
    private static final int BLOCK_EDGE_FLAGS = VideoWire.FLAG_START_OF_BLOCK | VideoWire.FLAG_END_OF_BLOCK;
    private static final int ALLOWED_FLAGS = VideoWire.FLAG_PICTURE_DATA | BLOCK_EDGE_FLAGS;

    private final int shardBytes;
    private final int pieceBytes;
    private final VideoCipher cipher;
    private final VideoFrameListener listener;
    private final FecBlockAssembly block;
    private final byte[] decrypted;

    private long expectedFrameIndex = FIRST_FRAME_INDEX;
    private int expectedBlockIndex;
    private int lastBlockIndex;
    private int frameTimestamp;
    private boolean frameRecovered;
    private byte[] frameStream = new byte[0];
    private int frameStreamBytes;

    private boolean sequenceStarted;
    private int highestSequenceNumber;

    private volatile long packetsReceived;
    private volatile long packetsMissing;
    private volatile long packetsDiscarded;
    private volatile long framesComplete;
    private volatile long framesRecoveredByFec;
    private volatile long framesLost;

    /**
     * @param packetSize the {@code packetSize} the client announced (reduced by 32 when encryption is on)
     * @param cipher     decrypts every datagram; null when video encryption is off
     * @param listener   receives frames and losses
     */
    public VideoDepacketizer(int packetSize, VideoCipher cipher, VideoFrameListener listener) {
        if (packetSize < HEADER_BYTES) {
            throw new IllegalArgumentException("packet size " + packetSize + " leaves no room for the 32-byte header");
        }
        this.shardBytes = packetSize + PACKET_SIZE_MARGIN;
        this.pieceBytes = shardBytes - HEADER_BYTES;
        this.cipher = cipher;
        this.listener = listener;
        this.block = new FecBlockAssembly(shardBytes);
        this.decrypted = cipher == null ? null : new byte[shardBytes];
    }

    /** Takes one received datagram; the caller may reuse the array afterwards. */
    public void accept(byte[] datagram, int offset, int length) {
        packetsReceived++;
        byte[] shard = datagram;
        int shardOffset = offset;
        int shardLength = length;
        if (cipher != null) {
            if (length < VideoCipher.PREFIX_BYTES + HEADER_BYTES || length > VideoCipher.PREFIX_BYTES + shardBytes
                    // the previous frame's late parity is still opened, for its sequence number (see countMissing)
                    || isBefore(VideoCipher.frameIndexOf(datagram, offset), expectedFrameIndex - 1)) {
                packetsDiscarded++;
                return;
            }
            try {
                shardLength = cipher.decrypt(datagram, offset, length, decrypted);
            } catch (GeneralSecurityException e) {
                packetsDiscarded++;
                return;
            }
            shard = decrypted;
            shardOffset = 0;
        }
        if (!fileShard(shard, shardOffset, shardLength)) {
            packetsDiscarded++;
        }
    }

    public VideoReceiveStatistics statistics() {
        return new VideoReceiveStatistics(packetsReceived, packetsMissing, packetsDiscarded, framesComplete, framesRecoveredByFec, framesLost);
    }

    /** Files one plaintext shard; false when it is dropped. */
    private boolean fileShard(byte[] shard, int offset, int length) {
        if (length < HEADER_BYTES || length > shardBytes
                || (shard[offset + VideoWire.RTP_FLAGS] & 0xFF) != VideoWire.RTP_VERSION_2_WITH_EXTENSION) {
            return false;
        }
        int sequenceNumber = (short) BIG_ENDIAN_16.get(shard, offset + VideoWire.SEQUENCE_NUMBER) & 0xFFFF;
        countMissing(sequenceNumber);
        long frameIndex = Integer.toUnsignedLong((int) LITTLE_ENDIAN_32.get(shard, offset + VideoWire.FRAME_INDEX));
        int multiFecBlocks = shard[offset + VideoWire.MULTI_FEC_BLOCKS] & 0xFF;
        int blockIndex = VideoWire.blockIndexOf(multiFecBlocks);
        if (isBefore(frameIndex, expectedFrameIndex)
                || frameIndex == expectedFrameIndex && blockIndex < expectedBlockIndex) {
            return false;
        }
        int index;
        if (block.isActive() && frameIndex == expectedFrameIndex && blockIndex == expectedBlockIndex) {
            index = block.indexOf(sequenceNumber);
            if (index < 0) {
                return false;
            }
        } else {
            if (!startBlock(frameIndex, blockIndex)) {
                return false;
            }
            int fecInfo = (int) LITTLE_ENDIAN_32.get(shard, offset + VideoWire.FEC_INFO);
            int dataShards = VideoWire.dataShardsOf(fecInfo);
            int parityShards = VideoWire.parityShardsFor(dataShards, VideoWire.fecPercentageOf(fecInfo));
            index = VideoWire.shardIndexOf(fecInfo);
            if (dataShards == 0 || index >= dataShards + parityShards
                    || parityShards > 0 && dataShards + parityShards > ReedSolomon.MAX_TOTAL_SHARDS) {
                return false;
            }
            block.start((sequenceNumber - index) & 0xFFFF, dataShards, parityShards);
            lastBlockIndex = VideoWire.lastBlockIndexOf(multiFecBlocks);
            if (blockIndex == 0) {
                frameTimestamp = (int) BIG_ENDIAN_32.get(shard, offset + VideoWire.TIMESTAMP);
                frameRecovered = false;
                frameStreamBytes = 0;
            }
        }
        if (!block.add(index, shard, offset, length)) {
            return false;
        }
        if (block.isComplete()) {
            completeBlock();
        }
        return true;
    }

    /** Every datagram, data or parity, takes the next sequence number: the ones jumped over were lost. */
    private void countMissing(int sequenceNumber) {
        int ahead = (sequenceNumber - highestSequenceNumber) & 0xFFFF;
        if (!sequenceStarted) {
            sequenceStarted = true;
            highestSequenceNumber = sequenceNumber;
        } else if (ahead != 0 && ahead < 0x8000) {
            packetsMissing += ahead - 1;
            highestSequenceNumber = sequenceNumber;
        }
    }

    /**
     * Moves on to block {@code blockIndex} of frame {@code frameIndex}, declaring lost whatever can no longer
     * complete: a frame may only continue with its next block, and a new frame must start with block 0.
     *
     * @return false when the packet belongs to a frame that is lost itself
     */
    private boolean startBlock(long frameIndex, int blockIndex) {
        block.clear();
        if (frameIndex == expectedFrameIndex) {
            if (blockIndex == expectedBlockIndex) {
                return true;
            }
            loseFramesThrough(frameIndex);
            return false;
        }
        if (blockIndex != 0) {
            loseFramesThrough(frameIndex);
            return false;
        }
        loseFramesThrough(frameIndex - 1);
        return true;
    }

    private void loseFramesThrough(long lastLostFrameIndex) {
        long first = expectedFrameIndex;
        long count = ((lastLostFrameIndex - first) & 0xFFFFFFFFL) + 1;
        framesLost += count;
        block.clear();
        expectedFrameIndex = (lastLostFrameIndex + 1) & 0xFFFFFFFFL;
        expectedBlockIndex = 0;
        listener.framesLost(first, lastLostFrameIndex & 0xFFFFFFFFL);
    }

    private void completeBlock() {
        int recovered = block.recoverData();
        if (recovered < 0 || !hasConsistentFlags()) {
            // parity that does not reproduce the data's flags means a different FEC matrix or a corrupt packet
            loseFramesThrough(expectedFrameIndex);
            return;
        }
        frameRecovered |= recovered > 0;
        int dataShards = block.dataShards();
        ensureFrameStreamCapacity(frameStreamBytes + dataShards * pieceBytes);
        for (int i = 0; i < dataShards; i++) {
            System.arraycopy(block.shard(i), HEADER_BYTES, frameStream, frameStreamBytes, pieceBytes);
            frameStreamBytes += pieceBytes;
        }
        block.clear();
        if (expectedBlockIndex < lastBlockIndex) {
            expectedBlockIndex++;
            return;
        }
        long frameIndex = expectedFrameIndex;
        ReceivedVideoFrame frame = frameFromStream(frameIndex);
        if (frame == null) {
            loseFramesThrough(frameIndex);
            return;
        }
        expectedFrameIndex = (frameIndex + 1) & 0xFFFFFFFFL;
        expectedBlockIndex = 0;
        framesComplete++;
        if (frameRecovered) {
            framesRecoveredByFec++;
        }
        listener.frameReceived(frame);
    }

    /** No data shard has unknown flags; SOF marks exactly the first and EOF exactly the last. */
    private boolean hasConsistentFlags() {
        int last = block.dataShards() - 1;
        for (int i = 0; i <= last; i++) {
            int flags = block.shard(i)[VideoWire.FLAGS];
            int edges = (i == 0 ? VideoWire.FLAG_START_OF_BLOCK : 0) | (i == last ? VideoWire.FLAG_END_OF_BLOCK : 0);
            if ((flags & ~ALLOWED_FLAGS) != 0 || (flags & BLOCK_EDGE_FLAGS) != edges) {
                return false;
            }
        }
        return true;
    }

    /** The frame in the collected stream, or null when its frame header is not a valid short header. */
    private ReceivedVideoFrame frameFromStream(long frameIndex) {
        if (frameStream[0] != VideoWire.SHORT_FRAME_HEADER) {
            return null;
        }
        int latency = (short) LITTLE_ENDIAN_16.get(frameStream, VideoWire.FRAME_HEADER_LATENCY) & 0xFFFF;
        VideoFrameType type = VideoFrameType.fromWireValue(frameStream[VideoWire.FRAME_HEADER_FRAME_TYPE] & 0xFF);
        int lastPayloadLength = (short) LITTLE_ENDIAN_16.get(frameStream, VideoWire.FRAME_HEADER_LAST_PAYLOAD_LENGTH) & 0xFFFF;
        if (lastPayloadLength > pieceBytes) {
            return null;
        }
        // 0 comes from hosts that do not send the length: the decoder then sees the zero padding, which Annex B allows
        int streamBytes = lastPayloadLength == 0 ? frameStreamBytes : frameStreamBytes - pieceBytes + lastPayloadLength;
        if (streamBytes < FRAME_HEADER_BYTES) {
            return null;
        }
        byte[] data = Arrays.copyOfRange(frameStream, FRAME_HEADER_BYTES, streamBytes);
        return new ReceivedVideoFrame(frameIndex, type, latency, frameTimestamp, data, frameRecovered);
    }

    private void ensureFrameStreamCapacity(int bytes) {
        if (frameStream.length < bytes) {
            frameStream = Arrays.copyOf(frameStream, Math.max(bytes, frameStream.length * 2));
        }
    }

    /** Frame indexes are 32-bit counters on the wire: compare them with wrap-around. */
    private static boolean isBefore(long frameIndex, long other) {
        return (int) (frameIndex - other) < 0;
    }
}
