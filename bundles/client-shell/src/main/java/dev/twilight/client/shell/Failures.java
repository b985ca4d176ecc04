package dev.twilight.client.shell;

import dev.twilight.api.client.ClientException;

/** How a failed request reads on the terminal: the host's own status and words when it answered. */
final class Failures {

    private Failures() {
    }

    static String describe(ClientException e) {
        Throwable cause = e.getCause();
        String message = e.getMessage() == null && cause != null ? cause.toString() : e.getMessage();
        return e.status() >= 400 && e.status() < 600 ? "the host answered " + e.status() + ": " + message : message;
    }
}
