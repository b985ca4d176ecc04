package dev.twilight.launcher;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Command line of the launcher: {@code host|client [--config DIR] [--state DIR] [--log LEVEL]}.
 *
 * @param role        which bundles start
 * @param home        the distribution folder (holds lib/ and bundles/)
 * @param configDir   the folder File Install watches
 * @param stateDir    where the framework cache and, later, keys and paired clients live
 * @param logLevel    pax-logging default level
 * @param interactive whether a Gogo shell reads the terminal
 */
record LaunchOptions(Role role, Path home, Path configDir, Path stateDir, String logLevel, boolean interactive) {

    static final String USAGE = "usage: twilight host|client [--config DIR] [--state DIR] [--log ERROR|WARN|INFO|DEBUG]";

    static LaunchOptions parse(String[] args, Map<String, String> environment) {
        if (args.length == 0) {
            throw new IllegalArgumentException("name a role");
        }
        Role role;
        try {
            role = Role.valueOf(args[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + args[0] + "'");
        }
        Path home = distributionHome();
        Path config = home.resolve("config").resolve(role.folder());
        String dataHome = environment.getOrDefault("XDG_DATA_HOME",
                Path.of(System.getProperty("user.home"), ".local", "share").toString());
        Path state = Path.of(dataHome, "twilight", role.folder());
        String logLevel = "WARN";
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--config" -> config = Path.of(value);
                case "--state" -> state = Path.of(value);
                case "--log" -> logLevel = value.toUpperCase(Locale.ROOT);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new LaunchOptions(role, home, config.toAbsolutePath(), state.toAbsolutePath(), logLevel,
                System.console() != null);
    }

    /** The folder above lib/, where the launcher jar sits. */
    private static Path distributionHome() {
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the distribution folder", e);
        }
    }
}
