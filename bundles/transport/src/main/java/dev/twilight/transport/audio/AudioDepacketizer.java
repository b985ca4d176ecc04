package dev.twilight.transport.audio;

import static dev.twilight.transport.audio.AudioWire.DATA_SHARDS;
import static dev.twilight.transport.audio.AudioWire.PARITY_SHARDS;
import static dev.twilight.transport.audio.AudioWire.RTP_HEADER_BYTES;

import dev.twilight.transport.crypto.AudioCipher;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The client side of the audio stream: delivers Opus packets in sequence order as soon as they are in order,
 * rebuilds a missing packet from its block's FEC packets once any four of the block's six shards are in, and
 * reports the packets it gives up on so the decoder can conceal them.
 *
 * <p>A block is given up as soon as a packet of a later block arrives: the host sends a block's FEC packets
 * right after its fourth data packet, so by then everything of the block that was coming has come, short of
 * reordering, which costs a concealed packet rather than latency. Synchronisation starts at the first data
 * packet received.
 *
 * <p>Not thread-safe: one receive thread calls {@link #accept}.
 */
public final class AudioDepacketizer {

    private final int packetDurationMs;
    private final AudioCipher cipher;
    private final AudioPacketListener listener;
    private final byte[][] shards = new byte[DATA_SHARDS + PARITY_SHARDS][];
    private final int[] timestamps = new int[DATA_SHARDS];
    private final boolean[] recovered = new boolean[DATA_SHARDS];
    private int blockTimestamp;
    private boolean synchronised;
    /** Sequence numbers are tracked unwrapped; the wire's 16-bit values are mapped next to this one. */
    private long nextSequenceNumber;
    private long blockBase;

    /**
     * @param packetDurationMs milliseconds of audio per packet, to timestamp rebuilt packets
     * @param cipher           decrypts every payload; null when audio encryption is off
     * @param listener         receives packets and losses
     */
    public AudioDepacketizer(int packetDurationMs, AudioCipher cipher, AudioPacketListener listener) {
        this.packetDurationMs = packetDurationMs;
        this.cipher = cipher;
        this.listener = listener;
    }

    /** Takes one received datagram; the caller may reuse the array afterwards. Malformed datagrams are ignored. */
    public void accept(byte[] datagram, int offset, int length) {
        if (length < RTP_HEADER_BYTES || (datagram[offset] & AudioWire.RTP_VERSION_MASK) != AudioWire.RTP_VERSION_2) {
            return;
        }
        ByteBuffer packet = ByteBuffer.wrap(datagram, offset, length).slice();
        int payloadType = packet.get(1) & AudioWire.PAYLOAD_TYPE_MASK;
        if (payloadType == AudioWire.PAYLOAD_TYPE_AUDIO) {
            int sequenceNumber = packet.getShort(AudioWire.SEQUENCE_NUMBER) & 0xFFFF;
            if (!synchronised) {
                synchronised = true;
                nextSequenceNumber = sequenceNumber;
                startBlock(sequenceNumber & ~(DATA_SHARDS - 1));
            }
            long unwrapped = unwrap(sequenceNumber);
            int shardIndex = (int) (unwrapped & (DATA_SHARDS - 1));
            if (unwrapped >= nextSequenceNumber && file(unwrapped - shardIndex, shardIndex, datagram,
                    offset + RTP_HEADER_BYTES, length - RTP_HEADER_BYTES)) {
                timestamps[shardIndex] = packet.getInt(AudioWire.TIMESTAMP);
            }
        } else if (payloadType == AudioWire.PAYLOAD_TYPE_FEC && synchronised
                && length > RTP_HEADER_BYTES + AudioWire.FEC_HEADER_BYTES) {
            int parityIndex = packet.get(AudioWire.FEC_SHARD_INDEX);
            long base = unwrap(packet.getShort(AudioWire.FEC_BASE_SEQUENCE_NUMBER) & 0xFFFF);
            if (parityIndex >= 0 && parityIndex < PARITY_SHARDS && base % DATA_SHARDS == 0
                    && packet.get(AudioWire.FEC_PROTECTED_PAYLOAD_TYPE) == AudioWire.PAYLOAD_TYPE_AUDIO
                    && file(base, DATA_SHARDS + parityIndex, datagram, offset + RTP_HEADER_BYTES + AudioWire.FEC_HEADER_BYTES,
                    length - RTP_HEADER_BYTES - AudioWire.FEC_HEADER_BYTES)) {
                blockTimestamp = packet.getInt(AudioWire.FEC_BASE_TIMESTAMP);
            }
        }
        deliverInOrder();
    }

    /**
     * Stores a shard of the block at {@code base}, first giving up the current block when this one is later.
     *
     * @return false when the shard is stale or already there
     */
    private boolean file(long base, int shardIndex, byte[] source, int offset, int length) {
        if (base + DATA_SHARDS <= nextSequenceNumber) {
            return false;
        }
        if (base > blockBase) {
            giveUpBlock();
            if (base > nextSequenceNumber) {
                listener.packetsLost((int) (nextSequenceNumber & 0xFFFF), (int) (base - nextSequenceNumber));
            }
            nextSequenceNumber = base;
            startBlock(base);
        }
        if (shards[shardIndex] != null) {
            return false;
        }
        shards[shardIndex] = Arrays.copyOfRange(source, offset, offset + length);
        return true;
    }

    private void deliverInOrder() {
        while (synchronised && nextSequenceNumber < blockBase + DATA_SHARDS) {
            int index = (int) (nextSequenceNumber - blockBase);
            if (shards[index] == null && !recoverBlock()) {
                return;
            }
            deliver(index);
        }
    }

    /** Hands out what is left of the current block, reporting the packets that never came. */
    private void giveUpBlock() {
        while (nextSequenceNumber < blockBase + DATA_SHARDS) {
            int index = (int) (nextSequenceNumber - blockBase);
            if (shards[index] == null) {
                listener.packetsLost((int) (nextSequenceNumber & 0xFFFF), 1);
                nextSequenceNumber++;
            } else {
                deliver(index);
            }
        }
    }

    private void deliver(int index) {
        int sequenceNumber = (int) (nextSequenceNumber & 0xFFFF);
        nextSequenceNumber++;
        byte[] payload = shards[index];
        if (cipher != null) {
            try {
                payload = cipher.decrypt(payload, 0, payload.length, sequenceNumber);
            } catch (GeneralSecurityException e) {
                listener.packetsLost(sequenceNumber, 1);
                return;
            }
        }
        int timestamp = recovered[index] ? blockTimestamp + index * packetDurationMs : timestamps[index];
        listener.packetReceived(new ReceivedAudioPacket(sequenceNumber, timestamp, payload, recovered[index]));
    }

    /** Rebuilds the block's missing data shards when four equally long shards, some of them parity, are in. */
    private boolean recoverBlock() {
        boolean[] present = new boolean[shards.length];
        int count = 0;
        int length = -1;
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] != null) {
                if (length >= 0 && shards[i].length != length) {
                    return false;
                }
                length = shards[i].length;
                present[i] = true;
                count++;
            }
        }
        if (count < DATA_SHARDS) {
            return false;
        }
        byte[][] restored = shards.clone();
        for (int i = 0; i < DATA_SHARDS; i++) {
            if (!present[i]) {
                restored[i] = new byte[length];
            }
        }
        if (!AudioWire.FEC.reconstruct(restored, present, 0, length)) {
            return false;
        }
        for (int i = 0; i < DATA_SHARDS; i++) {
            if (!present[i]) {
                shards[i] = restored[i];
                recovered[i] = true;
            }
        }
        return true;
    }

    private void startBlock(long base) {
        blockBase = base;
        Arrays.fill(shards, null);
        Arrays.fill(recovered, false);
    }

    /** The unwrapped sequence number nearest to the next expected one with these low 16 bits. */
    private long unwrap(int sequenceNumber) {
        return nextSequenceNumber + (short) (sequenceNumber - (nextSequenceNumber & 0xFFFF));
    }
}
