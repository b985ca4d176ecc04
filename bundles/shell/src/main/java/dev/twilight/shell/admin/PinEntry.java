package dev.twilight.shell.admin;

import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.pairing.PendingPairing;
import dev.twilight.api.pairing.PinOutcome;
import dev.twilight.api.session.Refusal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Entering the PIN a client shows, with a name to store the client under. */
public final class PinEntry {

    private static final Pattern PIN = Pattern.compile("[0-9]{4}");

    private PinEntry() {
    }

    /** @return empty when the PIN has the form clients show; otherwise what is wrong with it */
    public static Optional<Refusal> check(String pin) {
        if (pin != null && PIN.matcher(pin).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(400, "bad-pin",
                pin == null ? "no PIN given" : "a PIN is exactly four digits, not '" + pin + "'",
                "enter the four digits the Moonlight client shows while it pairs"));
    }

    /**
     * Gives a checked PIN to the newest waiting pairing attempt.
     *
     * @param name the name to store the client under; blank or null names it after where it asked from
     */
    public static PinOutcome submit(PairingService pairing, String pin, String name) {
        if (check(pin).isPresent()) {
            throw new IllegalArgumentException("unchecked PIN '" + pin + "'");
        }
        return pairing.submitPin(pin, clientName(name, pairing.pending()));
    }

    static String clientName(String given, List<PendingPairing> pending) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        return pending.isEmpty() ? "Moonlight client" : "Moonlight at " + pending.get(0).address();
    }
}
