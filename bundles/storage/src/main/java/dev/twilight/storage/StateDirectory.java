package dev.twilight.storage;

import java.nio.file.Path;
import java.util.Map;

/** Where a role (host or client) keeps its state, following the launcher's layout. */
public final class StateDirectory {

    /** Framework property the launcher sets to the role's state directory. */
    public static final String FRAMEWORK_PROPERTY = "twilight.state.dir";
    /** The host role's folder under the XDG data home. */
    public static final String HOST = "host";
    /** The client role's folder under the XDG data home. */
    public static final String CLIENT = "client";

    private StateDirectory() {
    }

    /**
     * @param configured     a component's own {@code state_dir}; null or blank for none
     * @param frameworkValue the {@value #FRAMEWORK_PROPERTY} framework property, or null
     * @param role           {@link #HOST} or {@link #CLIENT}, the folder under the XDG data home
     * @return the configured directory, else the framework's (either without surrounding white space), else
     *         {@code ${XDG_DATA_HOME:-~/.local/share}/twilight/<role>}
     */
    public static Path resolve(String configured, String frameworkValue, String role) {
        return resolve(configured, frameworkValue, role, System.getenv(), System.getProperty("user.home"));
    }

    /** The same, with the environment and home folder given (the launcher passes its own; tests pass theirs). */
    public static Path resolve(String configured, String frameworkValue, String role, Map<String, String> environment,
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
