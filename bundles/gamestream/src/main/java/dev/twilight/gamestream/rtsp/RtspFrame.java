package dev.twilight.gamestream.rtsp;

/** What the message decoder hands on: the connection's one request, in whichever framing it came. */
sealed interface RtspFrame {

    /** A plaintext request, headers and body. */
    record Plaintext(byte[] message) implements RtspFrame {
    }

    /** An {@code rtspenc://} request: its sequence number, GCM tag and ciphertext (see {@link dev.twilight.gamestream.crypto.RtspCipher}). */
    record Encrypted(int sequence, byte[] tag, byte[] ciphertext) implements RtspFrame {
    }

    /** A request over the size limit; only its framing is known. */
    record Oversized(boolean encrypted, int limit) implements RtspFrame {
    }
}
