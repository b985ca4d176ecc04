package dev.twilight.gamestream.pairing;

import dev.twilight.api.pairing.PendingPairing;
import dev.twilight.gamestream.crypto.HostPairingHandshake;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One client's pairing in progress; {@link PairingAttempts} guards the mutable fields. */
final class PairingAttempt {

    final String uniqueId;
    final String address;
    final Instant started;
    final HostPairingHandshake handshake;
    /** Completes when the PIN is entered; phase 1's reply is parked on it. */
    final CompletableFuture<Void> pinEntered = new CompletableFuture<>();
    Instant expires;
    ScheduledFuture<?> expiry;
    /** Counts the deadlines set, so an expiry that lost a race against a new deadline knows it. */
    int deadline;
    /** Whether the PIN was entered; phase 1 is answered right after. */
    boolean pinGiven;
    /** The name given with the PIN, under which the client is stored. */
    String clientName;

    PairingAttempt(String uniqueId, String address, Instant started, HostPairingHandshake handshake) {
        this.uniqueId = uniqueId;
        this.address = address;
        this.started = started;
        this.handshake = handshake;
    }

    boolean waitingForPin() {
        return !pinGiven;
    }

    PendingPairing describe() {
        return new PendingPairing(uniqueId, address, started, expires);
    }

    @Override
    public String toString() {
        return "client " + uniqueId + " at " + address;
    }
}
