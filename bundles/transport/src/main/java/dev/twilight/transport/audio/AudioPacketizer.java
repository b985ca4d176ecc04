package dev.twilight.transport.audio;

import static dev.twilight.transport.audio.AudioWire.DATA_SHARDS;
import static dev.twilight.transport.audio.AudioWire.PARITY_SHARDS;
import static dev.twilight.transport.audio.AudioWire.RTP_HEADER_BYTES;

import dev.twilight.transport.crypto.AudioCipher;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of the audio stream: wraps each Opus packet in RTP (payload type 97, sequence numbers from 0,
 * millisecond timestamps), encrypts the payload when a cipher is given, and after every fourth packet adds the
 * block's two FEC packets. FEC needs the four payloads of a block to be the same length, as a CBR encoder
 * makes them; a block whose lengths differ goes out without FEC.
 *
 * <p>Not thread-safe: one instance per audio stream, called from its sending thread.
 */
public final class AudioPacketizer {

    private static final Logger LOG = LoggerFactory.getLogger(AudioPacketizer.class);

    private final int packetDurationMs;
    private final AudioCipher cipher;
    private final byte[][] blockShards = new byte[DATA_SHARDS + PARITY_SHARDS][];
    private int sequenceNumber;
    private int timestamp;
    private int blockTimestamp;

    /**
     * @param packetDurationMs milliseconds of audio per packet (5 or 10 with Moonlight)
     * @param cipher           encrypts every payload; null when audio encryption is off
     */
    public AudioPacketizer(int packetDurationMs, AudioCipher cipher) {
        if (packetDurationMs < 1) {
            throw new IllegalArgumentException("packet duration " + packetDurationMs + " ms must be positive");
        }
        this.packetDurationMs = packetDurationMs;
        this.cipher = cipher;
    }

    /** The datagrams to send for one Opus packet: its data packet, followed by two FEC packets after every fourth. */
    public List<byte[]> packetize(byte[] opus, int offset, int length) {
        int shardIndex = sequenceNumber % DATA_SHARDS;
        byte[] payload = cipher == null
                ? Arrays.copyOfRange(opus, offset, offset + length)
                : cipher.encrypt(opus, offset, length, sequenceNumber);
        if (shardIndex == 0) {
            blockTimestamp = timestamp;
            Arrays.fill(blockShards, null);
        }
        blockShards[shardIndex] = payload;

        List<byte[]> datagrams = new ArrayList<>(1 + PARITY_SHARDS);
        datagrams.add(ByteBuffer.allocate(RTP_HEADER_BYTES + payload.length)
                .put((byte) AudioWire.RTP_VERSION_2).put((byte) AudioWire.PAYLOAD_TYPE_AUDIO)
                .putShort((short) sequenceNumber).putInt(timestamp).putInt(0)
                .put(payload).array());
        if (shardIndex == DATA_SHARDS - 1) {
            addFecPackets(datagrams);
        }
        sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
        timestamp += packetDurationMs;
        return datagrams;
    }

    private void addFecPackets(List<byte[]> datagrams) {
        int length = blockShards[DATA_SHARDS - 1].length;
        for (int i = 0; i < DATA_SHARDS; i++) {
            if (blockShards[i].length != length) {
                LOG.debug("audio block at sequence {} has payloads of different lengths: sent without FEC",
                        sequenceNumber - DATA_SHARDS + 1);
                return;
            }
        }
        for (int i = 0; i < PARITY_SHARDS; i++) {
            blockShards[DATA_SHARDS + i] = new byte[length];
        }
        AudioWire.FEC.encode(blockShards, 0, length);
        int baseSequenceNumber = (sequenceNumber - (DATA_SHARDS - 1)) & 0xFFFF;
        for (int i = 0; i < PARITY_SHARDS; i++) {
            datagrams.add(ByteBuffer.allocate(RTP_HEADER_BYTES + AudioWire.FEC_HEADER_BYTES + length)
                    .put((byte) AudioWire.RTP_VERSION_2).put((byte) AudioWire.PAYLOAD_TYPE_FEC)
                    .putShort((short) (sequenceNumber + 1 + i)).putInt(0).putInt(0)
                    .put((byte) i).put((byte) AudioWire.PAYLOAD_TYPE_AUDIO)
                    .putShort((short) baseSequenceNumber).putInt(blockTimestamp).putInt(0)
                    .put(blockShards[DATA_SHARDS + i]).array());
        }
    }
}
