package dev.twilight.api.session;

import java.util.Objects;

/**
 * Why a request was refused, in the form every Twilight error takes.
 *
 * @param status     protocol status code (GameStream clients read it from the XML {@code status_code})
 * @param reasonCode stable machine-readable reason, e.g. {@code sessions-live}
 * @param message    what is wrong, for people
 * @param remedy     what to do about it
 */
public record Refusal(int status, String reasonCode, String message, String remedy) {

    public Refusal {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remedy, "remedy");
    }
}
