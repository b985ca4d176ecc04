package dev.twilight.api.session;

import java.time.Duration;

/**
 * A request a session policy decides on.
 *
 * @param action      what the client asks for
 * @param clientId    the asking client's unique id
 * @param clientName  the asking client's paired name
 * @param appId       the app concerned (0 for cancel when no app runs)
 * @param pingTimeout the host's configured ping timeout, which bounds how long a silent session lives
 */
public record SessionRequest(Action action, String clientId, String clientName, int appId, Duration pingTimeout) {

    public enum Action {
        LAUNCH, RESUME, CANCEL
    }
}
