package dev.twilight.shell.admin;

import dev.twilight.api.session.Refusal;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionPolicy;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Switching the session policy: the name must be one of the installed policies; the choice is written to the
 * session manager's configuration, which swaps the policy for the next request without touching live sessions.
 */
public final class PolicySwitch {

    private PolicySwitch() {
    }

    /** The names of the installed policies, sorted. */
    public static List<String> available(Collection<SessionPolicy> policies) {
        return policies.stream().map(SessionPolicy::name).distinct().sorted().toList();
    }

    /** @return empty when the policy was written; otherwise why not */
    public static Optional<Refusal> switchTo(ConfigurationAdmin configurationAdmin, Collection<SessionPolicy> policies,
                                             String name) throws IOException {
        List<String> available = available(policies);
        if (available.isEmpty()) {
            return Optional.of(new Refusal(503, "no-policies", "no session policy is installed",
                    "start the policy-strict or policy-lenient bundle ('lb' lists them, 'start ID' starts one)"));
        }
        if (!available.contains(name)) {
            return Optional.of(new Refusal(400, "unknown-policy", "no session policy is named '" + name + "'",
                    "use one of: " + String.join(", ", available)));
        }
        ConfigurationProperty.write(configurationAdmin, SessionManager.CONFIGURATION_PID, SessionManager.POLICY, name);
        return Optional.empty();
    }
}
