package dev.twilight.shell;

import dev.twilight.api.session.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Wording the host commands share. */
final class ShellText {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private ShellText() {
    }

    /** What a command answers where the host service it needs does not run: the client role, or a host starting. */
    static String noHost(String service) {
        return "no host " + service + " runs in this role (start Twilight with './twilight host'; in a host, "
                + "'scr:list' shows which component waits)";
    }

    static String refusal(Refusal refusal) {
        return refusal.message() + "; " + refusal.remedy();
    }

    /** "12 s", "5 min", "3 h", "2 d": how long, rounded down to the largest unit. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 120 * 60) {
            return seconds / 60 + " min";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + " h";
        }
        return seconds / 86400 + " d";
    }

    static String ago(Instant then, Instant now) {
        return duration(Duration.between(then, now)) + " ago";
    }

    static String dateTime(Instant at, ZoneId zone) {
        return DATE_TIME.format(at.atZone(zone));
    }

    static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    static String plural(int count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
