package dev.twilight.gamestream.crypto;

/**
 * Which end sealed a message: the mark each side puts into the AES-GCM IVs of the encrypted RTSP and control
 * streams, so that the two directions never share an IV under the one {@code rikey}.
 */
public enum Sender {
    CLIENT('C'),
    HOST('H');

    private final char mark;

    Sender(char mark) {
        this.mark = mark;
    }

    /** The IV byte: 'C' or 'H'. */
    public char mark() {
        return mark;
    }
}
