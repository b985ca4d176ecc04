package dev.twilight.gamestream.pairing;

/**
 * A pairing step the host will not carry out. {@link #status()} is the GameStream {@code status_code} to
 * answer with; the message says what is wrong and what to do.
 */
public class PairingRefused extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public PairingRefused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
