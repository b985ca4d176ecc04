package dev.twilight.gamestream.pairing;

import dev.twilight.api.pairing.PairedClient;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.api.pairing.PendingPairing;
import dev.twilight.api.pairing.PinOutcome;
import dev.twilight.gamestream.crypto.HostPairingHandshake;
import dev.twilight.gamestream.crypto.Identity;
import dev.twilight.gamestream.crypto.PairingException;
import dev.twilight.gamestream.crypto.Pem;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's pairing attempts, one per client {@code uniqueid}: a new phase 1 replaces the client's older
 * attempt, a PIN goes to the newest attempt waiting for one, and every attempt expires. Failures count against
 * the client's address. Nothing here blocks: phase 1 hands back a future that the PIN (or the expiry) completes.
 */
public final class PairingAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(PairingAttempts.class);
    private static final Pattern PIN = Pattern.compile("[0-9]{4}");
    /** Attempts waiting for a PIN at once; more would only be someone flooding the port. */
    private static final int MAX_WAITING = 16;

    private final Identity host;
    private final PairedClients pairedClients;
    private final Duration timeout;
    private final FailedPairings failures;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Map<String, PairingAttempt> byUniqueId = new HashMap<>();

    /**
     * @param timeout           how long an attempt waits for its PIN, and then for the client's remaining phases
     * @param failuresPerMinute failed pairings an address may have in a minute before it is refused
     * @param timer             runs the expiries; they only complete futures
     */
    public PairingAttempts(Identity host, PairedClients pairedClients, Duration timeout, int failuresPerMinute,
                           ScheduledExecutorService timer, Clock clock) {
        this.host = host;
        this.pairedClients = pairedClients;
        this.timeout = timeout;
        this.failures = new FailedPairings(failuresPerMinute, clock);
        this.timer = timer;
        this.clock = clock;
    }

    /**
     * Phase 1: records the attempt and returns a future that completes when the PIN is entered, or fails with
     * a {@link PairingRefused} when the attempt expires, is replaced or the host stops.
     *
     * @param clientGone completes when the client's connection closes; an attempt still waiting is dropped
     */
    public CompletableFuture<Void> start(String uniqueId, String address, X509Certificate clientCertificate,
                                         byte[] salt, CompletionStage<?> clientGone) throws PairingRefused {
        if (failures.limited(address)) {
            throw new PairingRefused(429, "too many failed pairings from " + address
                    + " in the last minute: wait a minute, then start pairing again");
        }
        HostPairingHandshake handshake;
        try {
            handshake = new HostPairingHandshake(host, clientCertificate, salt);
        } catch (PairingException malformed) {
            throw new PairingRefused(400, malformed.getMessage());
        }
        PairingAttempt attempt = new PairingAttempt(uniqueId, address, clock.instant(), handshake);
        PairingAttempt replaced;
        synchronized (this) {
            long othersWaiting = byUniqueId.values().stream()
                    .filter(other -> other.waitingForPin() && !other.uniqueId.equals(uniqueId)).count();
            if (othersWaiting >= MAX_WAITING) {
                throw new PairingRefused(503, MAX_WAITING + " pairing attempts are already waiting for a PIN: "
                        + "enter the PIN of the right one, or wait until the others expire");
            }
            newDeadline(attempt);
            replaced = byUniqueId.put(uniqueId, attempt);
            if (replaced != null) {
                replaced.expiry.cancel(false);
            }
        }
        if (replaced != null) {
            LOG.info("Pairing: {} started again; its earlier attempt is dropped", replaced);
            replaced.pinEntered.completeExceptionally(new PairingRefused(409,
                    "a newer pairing attempt from the same client replaced this one"));
        }
        LOG.info("Pairing: {} asks to pair; waiting up to {} s for its PIN to be entered on the host", attempt,
                timeout.toSeconds());
        clientGone.thenRun(() -> clientLeft(attempt));
        return attempt.pinEntered;
    }

    /** Phase 2. */
    public byte[] clientChallenge(String uniqueId, byte[] encryptedChallenge) throws PairingRefused {
        PairingAttempt attempt = attempt(uniqueId);
        try {
            return attempt.handshake.clientChallenge(encryptedChallenge);
        } catch (PairingException e) {
            throw failed(attempt, e);
        }
    }

    /** Phase 3. */
    public byte[] serverChallengeResponse(String uniqueId, byte[] encryptedProof) throws PairingRefused {
        PairingAttempt attempt = attempt(uniqueId);
        try {
            return attempt.handshake.serverChallengeResponse(encryptedProof);
        } catch (PairingException e) {
            throw failed(attempt, e);
        }
    }

    /**
     * Phase 4: on success the client's certificate is stored under the name given with the PIN.
     *
     * @return the new paired client, or empty when the client's proof or signature did not match
     */
    public Optional<PairedClient> clientPairingSecret(String uniqueId, byte[] secretAndSignature)
            throws PairingRefused {
        PairingAttempt attempt = attempt(uniqueId);
        boolean proven;
        try {
            proven = attempt.handshake.clientPairingSecret(secretAndSignature);
        } catch (PairingException e) {
            throw failed(attempt, e);
        }
        end(attempt);
        if (!proven) {
            failures.record(attempt.address);
            LOG.warn("Pairing: {} failed: its proof does not match (a wrong PIN, or not the certificate's owner)",
                    attempt);
            return Optional.empty();
        }
        PairedClient paired = pairedClients.add(attempt.clientName,
                Pem.encodeCertificate(attempt.handshake.clientCertificate()));
        LOG.info("Pairing: {} is now paired as '{}' (id {})", attempt, paired.name(), paired.id());
        return Optional.of(paired);
    }

    /** The client gave up ({@code /unpair} after a failure): its attempt ends. */
    public void abandon(String uniqueId) {
        PairingAttempt attempt;
        boolean waitingForPin;
        synchronized (this) {
            attempt = byUniqueId.get(uniqueId);
            if (attempt == null) {
                return;
            }
            end(attempt);
            waitingForPin = attempt.waitingForPin();
        }
        if (waitingForPin) {
            attempt.pinEntered.completeExceptionally(new PairingRefused(410, "the client cancelled pairing"));
        } else {
            failures.record(attempt.address);
        }
        LOG.info("Pairing: {} gave up", attempt);
    }

    /** Attempts waiting for a PIN, newest first. */
    public synchronized List<PendingPairing> pending() {
        return byUniqueId.values().stream().filter(PairingAttempt::waitingForPin)
                .sorted(Comparator.comparing((PairingAttempt attempt) -> attempt.started).reversed())
                .map(PairingAttempt::describe).toList();
    }

    /** Gives the PIN to the newest attempt waiting for one, which then answers its client's phase 1. */
    public PinOutcome submitPin(String pin, String clientName) {
        if (pin == null || !PIN.matcher(pin).matches()) {
            return new PinOutcome(false, "the PIN must be exactly four digits, as the client shows it");
        }
        PairingAttempt attempt;
        String name;
        synchronized (this) {
            attempt = byUniqueId.values().stream().filter(PairingAttempt::waitingForPin)
                    .max(Comparator.comparing((PairingAttempt waiting) -> waiting.started)).orElse(null);
            if (attempt == null) {
                return new PinOutcome(false, "no client is waiting to pair: start pairing on the client first");
            }
            if (failures.limited(attempt.address)) {
                return new PinOutcome(false, "pairing from " + attempt.address + " is paused after too many "
                        + "failures: wait a minute, then start pairing again on the client");
            }
            try {
                attempt.handshake.pinEntered(pin);
            } catch (PairingException e) {
                return new PinOutcome(false, e.getMessage());
            }
            name = clientName == null || clientName.isBlank() ? "Client at " + attempt.address : clientName.strip();
            attempt.pinGiven = true;
            attempt.clientName = name;
            // the client now has another timeout's worth of time for phases 2 to 4
            attempt.expiry.cancel(false);
            newDeadline(attempt);
        }
        attempt.pinEntered.complete(null);
        LOG.info("Pairing: PIN entered for {}; it will be paired as '{}' once it proves the PIN", attempt, name);
        return new PinOutcome(true, "the PIN went to the client at " + attempt.address + " (uniqueid "
                + attempt.uniqueId + "); it is paired as '" + name + "' if the PIN matches the one it shows");
    }

    /** Ends every attempt: the host is stopping. */
    public void close() {
        List<PairingAttempt> ended;
        synchronized (this) {
            ended = new ArrayList<>(byUniqueId.values());
            ended.forEach(attempt -> attempt.expiry.cancel(false));
            byUniqueId.clear();
        }
        ended.forEach(attempt -> attempt.pinEntered.completeExceptionally(
                new PairingRefused(503, "the host is stopping: pair again once it is back")));
    }

    private synchronized PairingAttempt attempt(String uniqueId) throws PairingRefused {
        PairingAttempt attempt = byUniqueId.get(uniqueId);
        if (attempt == null) {
            throw new PairingRefused(400, "no pairing is in progress for uniqueid " + uniqueId
                    + ": start pairing again from the client");
        }
        return attempt;
    }

    /** A malformed value leaves the attempt as it was; a step out of order ends it. */
    private PairingRefused failed(PairingAttempt attempt, PairingException e) {
        if (e.failure() == PairingException.Failure.OUT_OF_ORDER) {
            synchronized (this) {
                end(attempt);
            }
            failures.record(attempt.address);
            LOG.warn("Pairing: {} failed: {}", attempt, e.getMessage());
        }
        return new PairingRefused(400, e.getMessage());
    }

    private synchronized void end(PairingAttempt attempt) {
        if (byUniqueId.remove(attempt.uniqueId, attempt)) {
            attempt.expiry.cancel(false);
        }
    }

    /** Called with the lock held. */
    private void newDeadline(PairingAttempt attempt) {
        attempt.expires = clock.instant().plus(timeout);
        int deadline = ++attempt.deadline;
        attempt.expiry = timer.schedule(() -> expire(attempt, deadline), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expire(PairingAttempt attempt, int deadline) {
        boolean waitingForPin;
        synchronized (this) {
            // an expiry that lost the race against a new deadline (the PIN came) finds it moved
            if (attempt.deadline != deadline || !byUniqueId.remove(attempt.uniqueId, attempt)) {
                return;
            }
            waitingForPin = attempt.waitingForPin();
        }
        failures.record(attempt.address);
        if (waitingForPin) {
            LOG.warn("Pairing: no PIN was entered for {} within {} s; the attempt is dropped", attempt,
                    timeout.toSeconds());
            attempt.pinEntered.completeExceptionally(new PairingRefused(408, "no PIN was entered on the host within "
                    + timeout.toSeconds() + " s: start pairing again and enter the PIN on the host while the client "
                    + "waits"));
        } else {
            LOG.warn("Pairing: {} did not finish within {} s after its PIN; the attempt is dropped", attempt,
                    timeout.toSeconds());
        }
    }

    private void clientLeft(PairingAttempt attempt) {
        synchronized (this) {
            if (!attempt.waitingForPin() || !byUniqueId.remove(attempt.uniqueId, attempt)) {
                return;
            }
            attempt.expiry.cancel(false);
        }
        attempt.pinEntered.completeExceptionally(new PairingRefused(410, "the client closed its connection"));
        LOG.info("Pairing: {} left before its PIN was entered", attempt);
    }
}
