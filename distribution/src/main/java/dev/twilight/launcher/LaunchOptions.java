package dev.twilight.launcher;

import dev.twilight.storage.StateDirectory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command line of the launcher: {@code host|client [--config DIR] [--state DIR] [--log LEVEL] [--admin-port N]}
 * and, for the client, an optional verb with its arguments ({@code client stream HOST APP ...}).
 *
 * @param role        which bundles start
 * @param home        the distribution folder (holds lib/ and bundles/)
 * @param configDir   the folder File Install watches
 * @param stateDir    where the framework cache and, later, keys and paired clients live
 * @param logLevel    pax-logging default level
 * @param interactive whether a Gogo shell reads the terminal
 * @param adminPort   loopback port of the admin REST API (0: the system picks one)
 * @param verb        a client verb and its arguments, run once instead of the shell; empty to run the role
 */
record LaunchOptions(Role role, Path home, Path configDir, Path stateDir, String logLevel, boolean interactive,
                     int adminPort, List<String> verb) {

    static final String USAGE = "usage: twilight host|client [--config DIR] [--state DIR] [--log ERROR|WARN|INFO|DEBUG]"
            + " [--admin-port N]\n       twilight client [options] discover | pair|list|status|stream|quit|unpair"
            + " HOST ... (twilight client help for the verbs)";
    /** GameStream's base port + 1, where Sunshine serves its web UI too. */
    static final int DEFAULT_ADMIN_PORT = 47990;

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
        Path state = defaultStateDir(role, environment);
        String logLevel = "WARN";
        int adminPort = DEFAULT_ADMIN_PORT;
        List<String> verb = List.of();
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (!option.startsWith("--")) {
                if (role != Role.CLIENT) {
                    throw new IllegalArgumentException("unexpected '" + option + "': only the client role runs verbs");
                }
                verb = List.copyOf(Arrays.asList(args).subList(i, args.length));
                break;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--config" -> config = Path.of(value);
                case "--state" -> state = Path.of(value);
                case "--log" -> logLevel = value.toUpperCase(Locale.ROOT);
                case "--admin-port" -> adminPort = port(value);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new LaunchOptions(role, home, config.toAbsolutePath(), state.toAbsolutePath(), logLevel,
                verb.isEmpty() && System.console() != null, adminPort, verb);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--admin-port needs a port number from 0 to 65535, not '" + value + "'");
    }

    /** Where a role keeps its state unless --state says otherwise: ${XDG_DATA_HOME:-~/.local/share}/twilight/ROLE. */
    static Path defaultStateDir(Role role, Map<String, String> environment) {
        return StateDirectory.resolve(null, null, role.folder(), environment, System.getProperty("user.home"));
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
