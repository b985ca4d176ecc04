package dev.twilight.api.pairing;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** PIN entry for pairing attempts in progress; used by the shell, the admin REST API and the launcher. */
@ProviderType
public interface PairingService {

    /** Attempts waiting for a PIN, newest first. */
    List<PendingPairing> pending();

    /**
     * Gives a PIN to the newest waiting attempt.
     *
     * @param pin        exactly four digits, as the client shows it
     * @param clientName the name to store the client under once pairing completes
     */
    PinOutcome submitPin(String pin, String clientName);
}
