package dev.twilight.admin;

import dev.twilight.api.apps.AppRegistry;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionPolicy;
import java.util.List;
import java.util.Optional;
import org.osgi.service.cm.ConfigurationAdmin;

/** The host services the admin API works on; each may be missing while the host's bundles start or stop. */
interface HostServices {

    Optional<PairingService> pairing();

    Optional<PairedClients> pairedClients();

    Optional<SessionManager> sessionManager();

    Optional<AppRegistry> appRegistry();

    List<SessionPolicy> policies();

    ConfigurationAdmin configurationAdmin();
}
