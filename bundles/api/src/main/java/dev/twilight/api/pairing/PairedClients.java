package dev.twilight.api.pairing;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The host's persisted list of paired clients. Every change is written to disk before the method returns,
 * and takes effect for the next HTTPS connection.
 */
@ProviderType
public interface PairedClients {

    List<PairedClient> list();

    Optional<PairedClient> find(String id);

    /** The paired client whose certificate has this SHA-256 fingerprint (lowercase hex of the DER). */
    Optional<PairedClient> byFingerprint(String fingerprint);

    /**
     * Stores a newly paired client, or renames and returns the existing entry when the same certificate pairs
     * again.
     */
    PairedClient add(String name, String certificatePem);

    /** @return false when no client has that id */
    boolean rename(String id, String name);

    /** Removes a client; its next HTTPS request is refused. @return false when no client has that id */
    boolean remove(String id);

    /** Records that the client was authorised just now (kept in memory, saved at most once a minute). */
    void seen(String id);
}
