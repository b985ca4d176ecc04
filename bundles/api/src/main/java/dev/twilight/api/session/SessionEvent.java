package dev.twilight.api.session;

import java.time.Instant;

/**
 * One entry of a session's history.
 *
 * @param at    when it happened
 * @param state the state after the event
 * @param what  what happened, e.g. {@code launch}, {@code rtsp-announce}, {@code ping-timeout}
 * @param who   who caused it: a client name, {@code admin}, {@code host}
 * @param why   a human sentence
 */
public record SessionEvent(Instant at, SessionState state, String what, String who, String why) {
}
