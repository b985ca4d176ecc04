package dev.twilight.gamestream.crypto;

/**
 * The bits of the encryption bit masks that hosts list in DESCRIBE ({@code x-ss-general.encryptionSupported},
 * {@code encryptionRequested}) and clients turn on in ANNOUNCE ({@code x-ss-general.encryptionEnabled}).
 */
public final class StreamEncryption {

    /** Control stream messages use the V2 (12-byte, sender-marked) IV. */
    public static final int CONTROL_V2 = 0x01;
    /** Video datagrams are AES-GCM sealed. */
    public static final int VIDEO = 0x02;
    /** Audio payloads are AES-CBC encrypted. */
    public static final int AUDIO = 0x04;

    private StreamEncryption() {
    }
}
