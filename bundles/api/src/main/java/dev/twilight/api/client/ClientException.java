package dev.twilight.api.client;

/**
 * A host refused a request or could not be reached. {@link #status()} is the XML {@code status_code}
 * (or 0 when nothing was answered), and the message is the host's {@code status_message} or what failed.
 */
public class ClientException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public ClientException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ClientException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }
}
