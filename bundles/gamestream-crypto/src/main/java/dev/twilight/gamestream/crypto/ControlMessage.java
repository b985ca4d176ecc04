package dev.twilight.gamestream.crypto;

/**
 * One plaintext control message: its LE16 type and the payload that the V2 header's LE16 length covered.
 *
 * @param type    as in the message catalogue, e.g. {@link #PING}
 * @param payload the bytes after the 4-byte header
 */
public record ControlMessage(int type, byte[] payload) {

    /** Marks an encrypted message on the wire; never valid as the type of a plaintext one. */
    public static final int ENCRYPTED = 0x0001;
    /** Host to client, old form: LE16 reason. */
    public static final int TERMINATION_SHORT = 0x0100;
    /** Host to client: BE32 HRESULT-style reason. */
    public static final int TERMINATION = 0x0109;
    /** Host to client: u8 enabled, then 13 LE16 mastering-display values (Sunshine's layout). */
    public static final int HDR_MODE = 0x010E;
    public static final int PING = 0x0200;
    public static final int INPUT = 0x0206;
    public static final int INVALIDATE_REFERENCE_FRAMES = 0x0301;
    public static final int IDR_REQUEST = 0x0302;
    public static final int START_A = 0x0305;
    public static final int START_B = 0x0307;
    /** Client to host (from the host, the same number sets a controller's LED). */
    public static final int FEC_STATUS = 0x5502;

    public ControlMessage {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
