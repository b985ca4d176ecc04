package dev.twilight.api.media;

import java.util.Objects;

/**
 * Whether a capture source or encoder can run on this machine, and if not, why and what to do about it.
 *
 * @param available true when the component can be used now
 * @param reason    a human sentence: what was found, or what is missing
 * @param remedy    what the user can do; empty when available
 */
public record Availability(boolean available, String reason, String remedy) {

    public Availability {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(remedy, "remedy");
    }

    public static Availability available(String reason) {
        return new Availability(true, reason, "");
    }

    public static Availability unavailable(String reason, String remedy) {
        return new Availability(false, reason, remedy);
    }

    @Override
    public String toString() {
        return available ? "available: " + reason : "unavailable: " + reason + (remedy.isEmpty() ? "" : " (" + remedy + ")");
    }
}
