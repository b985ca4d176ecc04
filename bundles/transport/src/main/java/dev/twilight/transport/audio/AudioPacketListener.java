package dev.twilight.transport.audio;

/** Receives the audio stream from an {@link AudioDepacketizer}, in sequence order, on the thread that feeds it. */
public interface AudioPacketListener {

    void packetReceived(ReceivedAudioPacket packet);

    /** {@code count} packets from {@code firstSequenceNumber} on (16-bit, wrapping) are gone: conceal them. */
    void packetsLost(int firstSequenceNumber, int count);
}
