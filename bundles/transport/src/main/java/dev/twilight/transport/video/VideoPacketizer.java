package dev.twilight.transport.video;

import static dev.twilight.transport.video.VideoWire.BIG_ENDIAN_16;
import static dev.twilight.transport.video.VideoWire.BIG_ENDIAN_32;
import static dev.twilight.transport.video.VideoWire.FRAME_HEADER_BYTES;
import static dev.twilight.transport.video.VideoWire.HEADER_BYTES;
import static dev.twilight.transport.video.VideoWire.LITTLE_ENDIAN_16;
import static dev.twilight.transport.video.VideoWire.LITTLE_ENDIAN_32;
import static dev.twilight.transport.video.VideoWire.PACKET_SIZE_MARGIN;

import dev.twilight.api.media.AccessUnit;
import dev.twilight.transport.crypto.VideoCipher;
import dev.twilight.transport.fec.ReedSolomon;
import java.util.Arrays;
import java.util.List;

/**
 * The host side of the video stream: turns access units into the datagrams of fact sheet §2.2-§2.4 and, when
 * a {@link VideoCipher} is given, §2.6.
 *
 * <p>Each frame becomes the 8-byte frame header plus the access unit, cut into {@code packetSize - 16}-byte
 * pieces behind 32-byte packet headers, grouped into up to four Reed–Solomon blocks each followed by its parity
 * shards. Every datagram is exactly {@link #datagramBytes()} long. RTP sequence numbers continue across frames.
 *
 * <p>The datagram arrays are reused: a returned list is valid until the next {@link #packetize} call. Not
 * thread-safe: one instance per video stream, called from its sending thread.
 */
public final class VideoPacketizer {

    public static final int DEFAULT_FEC_PERCENTAGE = 20;
    /** Largest UDP payload over IPv4. */
    private static final int MAX_DATAGRAM_BYTES = 65_507;
    private static final long NANOS_PER_LATENCY_UNIT = 100_000;
    private static final int RTP_CLOCK_HZ = 90_000;

    private final int fecPercentage;
    private final int minRequiredFecPackets;
    private final long streamStartNanos;
    private final VideoCipher cipher;
    private final int shardOffset;
    private final int shardBytes;
    private final int pieceBytes;
    private final byte[] frameHeader = new byte[FRAME_HEADER_BYTES];
    private byte[][] datagrams = new byte[0][];
    private int nextSequenceNumber;

    /**
     * @param packetSize            the client's {@code packetSize} from ANNOUNCE (already reduced by 32 when the
     *                              client asked for encryption)
     * @param fecPercentage         parity as a percentage of data shards, 0-255; {@value #DEFAULT_FEC_PERCENTAGE}
     *                              is Sunshine's default
     * @param minRequiredFecPackets the client's {@code minRequiredFecPackets} (2 for current Moonlight)
     * @param streamStartNanos      {@link System#nanoTime()} origin of the 90 kHz RTP timestamps
     * @param cipher                encrypts every datagram; null when video encryption is off
     */
    public VideoPacketizer(int packetSize, int fecPercentage, int minRequiredFecPackets, long streamStartNanos,
                           VideoCipher cipher) {
        int prefix = cipher == null ? 0 : VideoCipher.PREFIX_BYTES;
        if (packetSize < HEADER_BYTES || packetSize + PACKET_SIZE_MARGIN + prefix > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("packet size " + packetSize + " must leave room for the 32-byte header"
                    + " and fit a UDP datagram");
        }
        if (fecPercentage < 0 || fecPercentage > 255) {
            throw new IllegalArgumentException("FEC percentage " + fecPercentage + " must be within 0..255");
        }
        if (minRequiredFecPackets < 0 || minRequiredFecPackets > ReedSolomon.MAX_TOTAL_SHARDS - 1) {
            throw new IllegalArgumentException("minimum FEC packets " + minRequiredFecPackets + " must be within 0..254");
        }
        this.fecPercentage = fecPercentage;
        this.minRequiredFecPackets = minRequiredFecPackets;
        this.streamStartNanos = streamStartNanos;
        this.cipher = cipher;
        this.shardOffset = prefix;
        this.shardBytes = packetSize + PACKET_SIZE_MARGIN;
        this.pieceBytes = shardBytes - HEADER_BYTES;
    }

    /** Length of every datagram: {@code packetSize + 16}, plus 32 when encrypted. */
    public int datagramBytes() {
        return shardOffset + shardBytes;
    }

    /**
     * The datagrams of one frame, in sending order.
     *
     * @param unit       the encoded picture; {@code captureNanos} gives the RTP timestamp and the host latency
     * @param frameIndex the frame number, 1 for the stream's first frame and one more for each frame after
     * @param frameType  what the frame header announces; the first frame and answers to IDR requests are IDR
     * @param sendNanos  {@link System#nanoTime()} now: the host latency is {@code sendNanos - captureNanos}
     * @throws IllegalArgumentException when the access unit needs more than 4 × 1023 packets
     */
    public List<byte[]> packetize(AccessUnit unit, long frameIndex, VideoFrameType frameType, long sendNanos) {
        byte[] data = unit.data();
        int streamBytes = FRAME_HEADER_BYTES + data.length;
        int pieces = (streamBytes + pieceBytes - 1) / pieceBytes;
        FecLayout layout = FecLayout.of(pieces, fecPercentage, minRequiredFecPackets);
        ensureDatagrams(layout.totalShards());
        writeFrameHeader(frameType, hostLatencyUnits(unit.captureNanos(), sendNanos), streamBytes);
        int timestamp = rtpTimestamp(unit.captureNanos());
        int lastBlockIndex = layout.blocks().size() - 1;

        int datagram = 0;
        for (int blockIndex = 0; blockIndex <= lastBlockIndex; blockIndex++) {
            FecLayout.Block block = layout.blocks().get(blockIndex);
            int lowestSequenceNumber = nextSequenceNumber;
            int multiFecBlocks = VideoWire.multiFecBlocks(blockIndex, lastBlockIndex);
            int shards = block.dataShards() + block.parityShards();
            for (int shard = 0; shard < block.dataShards(); shard++) {
                byte[] target = datagrams[datagram + shard];
                int flags = VideoWire.FLAG_PICTURE_DATA
                        | (shard == 0 ? VideoWire.FLAG_START_OF_BLOCK : 0)
                        | (shard == block.dataShards() - 1 ? VideoWire.FLAG_END_OF_BLOCK : 0);
                // the whole header goes in before encoding, so a receiver recovers flags and stream packet index
                Arrays.fill(target, shardOffset, shardOffset + HEADER_BYTES, (byte) 0);
                LITTLE_ENDIAN_32.set(target, shardOffset + VideoWire.STREAM_PACKET_INDEX, (lowestSequenceNumber + shard) << 8);
                target[shardOffset + VideoWire.FLAGS] = (byte) flags;
                target[shardOffset + VideoWire.MULTI_FEC_FLAGS] = (byte) VideoWire.MULTI_FEC_CAPABLE;
                writeRoutingFields(target, lowestSequenceNumber + shard, timestamp, frameIndex, multiFecBlocks,
                        VideoWire.fecInfo(shard, block.dataShards(), block.fecPercentage()));
                copyPiece(block.firstShard() + shard, data, target);
            }
            if (block.parityShards() > 0) {
                ReedSolomon.cauchy(block.dataShards(), block.parityShards())
                        .encode(Arrays.copyOfRange(datagrams, datagram, datagram + shards), shardOffset, shardBytes);
                // as in Sunshine, parity headers carry the fields the receiver routes by; a shard recovered from
                // parity has garbage there, and the receiver knows them from its block anyway
                for (int shard = block.dataShards(); shard < shards; shard++) {
                    writeRoutingFields(datagrams[datagram + shard], lowestSequenceNumber + shard, timestamp, frameIndex,
                            multiFecBlocks, VideoWire.fecInfo(shard, block.dataShards(), block.fecPercentage()));
                }
            }
            if (cipher != null) {
                for (int shard = 0; shard < shards; shard++) {
                    cipher.encryptInPlace(datagrams[datagram + shard], shardBytes, frameIndex);
                }
            }
            nextSequenceNumber = (nextSequenceNumber + shards) & 0xFFFF;
            datagram += shards;
        }
        return List.of(Arrays.copyOf(datagrams, datagram));
    }

    private void writeRoutingFields(byte[] target, int sequenceNumber, int timestamp, long frameIndex,
                                    int multiFecBlocks, int fecInfo) {
        target[shardOffset + VideoWire.RTP_FLAGS] = (byte) VideoWire.RTP_VERSION_2_WITH_EXTENSION;
        BIG_ENDIAN_16.set(target, shardOffset + VideoWire.SEQUENCE_NUMBER, (short) sequenceNumber);
        BIG_ENDIAN_32.set(target, shardOffset + VideoWire.TIMESTAMP, timestamp);
        LITTLE_ENDIAN_32.set(target, shardOffset + VideoWire.FRAME_INDEX, (int) frameIndex);
        target[shardOffset + VideoWire.MULTI_FEC_BLOCKS] = (byte) multiFecBlocks;
        LITTLE_ENDIAN_32.set(target, shardOffset + VideoWire.FEC_INFO, fecInfo);
    }

    private void writeFrameHeader(VideoFrameType frameType, int latencyUnits, int streamBytes) {
        int lastPayloadLength = streamBytes % pieceBytes == 0 ? pieceBytes : streamBytes % pieceBytes;
        frameHeader[0] = (byte) VideoWire.SHORT_FRAME_HEADER;
        LITTLE_ENDIAN_16.set(frameHeader, VideoWire.FRAME_HEADER_LATENCY, (short) latencyUnits);
        frameHeader[VideoWire.FRAME_HEADER_FRAME_TYPE] = (byte) frameType.wireValue();
        LITTLE_ENDIAN_16.set(frameHeader, VideoWire.FRAME_HEADER_LAST_PAYLOAD_LENGTH, (short) lastPayloadLength);
    }

    /** Copies piece {@code index} of the stream (frame header, then access unit) behind the packet header. */
    private void copyPiece(int index, byte[] data, byte[] target) {
        int streamStart = index * pieceBytes;
        int length = Math.min(pieceBytes, FRAME_HEADER_BYTES + data.length - streamStart);
        int position = shardOffset + HEADER_BYTES;
        int fromHeader = Math.max(0, Math.min(FRAME_HEADER_BYTES - streamStart, length));
        System.arraycopy(frameHeader, Math.min(streamStart, FRAME_HEADER_BYTES), target, position, fromHeader);
        System.arraycopy(data, streamStart + fromHeader - FRAME_HEADER_BYTES, target, position + fromHeader, length - fromHeader);
        Arrays.fill(target, position + length, shardOffset + shardBytes, (byte) 0);
    }

    private void ensureDatagrams(int count) {
        if (datagrams.length < count) {
            int previous = datagrams.length;
            datagrams = Arrays.copyOf(datagrams, count);
            for (int i = previous; i < count; i++) {
                datagrams[i] = new byte[datagramBytes()];
            }
        }
    }

    /** Capture-to-send time in the frame header's unit of 1/10 ms, rounded and clamped to 16 bits. */
    static int hostLatencyUnits(long captureNanos, long sendNanos) {
        long units = (sendNanos - captureNanos + NANOS_PER_LATENCY_UNIT / 2) / NANOS_PER_LATENCY_UNIT;
        return (int) Math.max(0, Math.min(0xFFFF, units));
    }

    private int rtpTimestamp(long captureNanos) {
        // 90 kHz ticks of capture time since the stream started; the field wraps at 32 bits
        return (int) Math.floorDiv((captureNanos - streamStartNanos) * (RTP_CLOCK_HZ / 1000) + 500_000, 1_000_000);
    }
}
