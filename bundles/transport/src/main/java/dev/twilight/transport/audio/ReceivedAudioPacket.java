package dev.twilight.transport.audio;

/**
 * One audio packet, in sequence.
 *
 * @param sequenceNumber RTP sequence number (16-bit)
 * @param timestampMs    RTP timestamp in milliseconds (unsigned 32-bit, wraps)
 * @param opus           the Opus packet, decrypted
 * @param recoveredByFec true when it was rebuilt from its block's parity
 */
public record ReceivedAudioPacket(int sequenceNumber, int timestampMs, byte[] opus, boolean recoveredByFec) {
}
