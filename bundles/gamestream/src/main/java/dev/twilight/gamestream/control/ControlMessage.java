package dev.twilight.gamestream.control;

/**
 * One plaintext control message: its LE16 type and the payload that the V2 header's LE16 length covered.
 *
 * @param type    as in the message catalogue, e.g. {@link #PING}
 * @param payload the bytes after the 4-byte header
 */
record ControlMessage(int type, byte[] payload) {

    /** Marks an encrypted message on the wire; never valid as the type of a plaintext one. */
    static final int ENCRYPTED = 0x0001;
    static final int TERMINATION = 0x0109;
    static final int PING = 0x0200;
    static final int INPUT = 0x0206;
    static final int INVALIDATE_REFERENCE_FRAMES = 0x0301;
    static final int IDR_REQUEST = 0x0302;
    static final int START_A = 0x0305;
    static final int START_B = 0x0307;
    static final int FEC_STATUS = 0x5502;
}
