package dev.twilight.api.client;

/**
 * One audio packet, in sequence.
 *
 * @param sequenceNumber RTP sequence number (16-bit, wraps)
 * @param timestampMs    RTP timestamp in milliseconds (unsigned 32-bit, wraps)
 * @param opus           the Opus packet, decrypted
 * @param recoveredByFec it was rebuilt from its block's parity
 */
public record ReceivedAudio(int sequenceNumber, int timestampMs, byte[] opus, boolean recoveredByFec) {
}
