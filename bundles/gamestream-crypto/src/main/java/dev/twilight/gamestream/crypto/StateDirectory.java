package dev.twilight.gamestream.crypto;

import java.nio.file.Path;
import java.util.Map;

/** Where a host or client keeps its identity and trust, following the launcher's layout. */
public final class StateDirectory {

    /** Framework property the launcher sets to the role's state directory. */
    public static final String FRAMEWORK_PROPERTY = "twilight.state.dir";

    private StateDirectory() {
    }

    /**
     * @param configured     the component's {@code state_dir}; blank for the default
     * @param frameworkValue the {@value #FRAMEWORK_PROPERTY} framework property, or null
     * @param role           {@code host} or {@code client}, the folder under the XDG data home
     * @return the configured directory, else the framework's, else
     *         {@code ${XDG_DATA_HOME:-~/.local/share}/twilight/<role>}
     */
    public static Path resolve(String configured, String frameworkValue, String role) {
        return resolve(configured, frameworkValue, role, System.getenv(), System.getProperty("user.home"));
    }

    static Path resolve(String configured, String frameworkValue, String role, Map<String, String> environment,
                        String userHome) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        if (frameworkValue != null && !frameworkValue.isBlank()) {
            return Path.of(frameworkValue.strip());
        }
        String dataHome = environment.get("XDG_DATA_HOME");
        Path base = dataHome != null && !dataHome.isBlank() ? Path.of(dataHome)
                : Path.of(userHome, ".local", "share");
        return base.resolve("twilight").resolve(role);
    }
}
