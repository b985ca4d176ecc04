package dev.twilight.gamestream.crypto;

/** A pairing step that cannot go on; {@link #failure()} says which kind, the message says what to do. */
public class PairingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a pairing step failed. */
    public enum Failure {
        /** A value has the wrong length or form; the attempt may go on with a correct one. */
        MALFORMED,
        /** A phase came before the one it follows; the attempt is over. */
        OUT_OF_ORDER,
        /** The peer's proof does not match: both sides used different PINs. */
        WRONG_PIN,
        /** The host's pairing secret is not signed by the certificate it sent: someone is in between. */
        BAD_SIGNATURE
    }

    private final Failure failure;

    public PairingException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
