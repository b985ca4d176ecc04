package dev.twilight.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Starts Twilight in one role: a Felix framework with the core bundles and the role's bundles, File Install
 * watching the role's configuration folder, a Gogo shell on the terminal when there is one. Ctrl+C (or
 * SIGTERM) stops the framework cleanly. {@code pin} starts no framework: {@link PinCommand} hands the PIN to the
 * host already running.
 */
public final class Launcher {

    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_MILLIS = 15_000;
    /** Service property of the client bundle's command line. */
    private static final String CLI_PROPERTY = "twilight.cli";

    private final LaunchOptions options;
    private final PrintStream out;

    Launcher(LaunchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(PinCommand.NAME)) {
            System.exit(PinCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out,
                    System.err));
            return;
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("twilight: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.err.println(PinCommand.USAGE);
            System.exit(2);
            return;
        }
        try {
            System.exit(new Launcher(options, System.out).run());
        } catch (LaunchException e) {
            System.err.println("twilight: " + e.getMessage());
            System.exit(1);
        }
    }

    int run() throws LaunchException {
        long started = System.nanoTime();
        Framework framework = new FrameworkFactory().newFramework(frameworkProperties());
        try {
            framework.init();
            List<Bundle> bundles = install(framework.getBundleContext());
            framework.start();
            for (Bundle bundle : bundles) {
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
            }
        } catch (BundleException e) {
            stop(framework);
            throw new LaunchException("could not start the " + options.role() + " role: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // after a verb the framework is already stopped: only Ctrl+C finds it running
            if (framework.getState() == Bundle.ACTIVE) {
                stop(framework);
                out.println("Twilight " + options.role() + " stopped");
            }
        }, "twilight-shutdown"));

        if (!options.verb().isEmpty()) {
            try {
                return runVerb(framework.getBundleContext());
            } finally {
                stop(framework);
            }
        }
        report(framework.getBundleContext(), started);
        try {
            FrameworkEvent event = framework.waitForStop(0);
            return event.getType() == FrameworkEvent.ERROR ? 1 : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private Map<String, String> frameworkProperties() throws LaunchException {
        Path cache = options.stateDir().resolve("felix-cache");
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new LaunchException("cannot create the state folder " + cache + ": " + e.getMessage()
                    + "; pass --state DIR with a writable folder", e);
        }
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        // the bundles come from the distribution folder on every start: a rebuilt distribution is never shadowed
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("twilight.role", options.role().name().toLowerCase(java.util.Locale.ROOT));
        properties.put("twilight.state.dir", options.stateDir().toString());
        // the admin API (and the Jetty that serves it) listens on loopback only
        properties.put("org.apache.felix.http.host", "127.0.0.1");
        properties.put("org.osgi.service.http.port", Integer.toString(options.adminPort()));
        properties.put("felix.fileinstall.dir", options.configDir().toString());
        // its scratch folder, which it leaves behind, goes with the framework cache rather than into /tmp
        properties.put("felix.fileinstall.tmpdir", cache.resolve("fileinstall").toString());
        properties.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        // File Install's write-back truncates a file before rewriting it, and its own poller can read it empty
        // in between; shell and admin changes edit the file atomically themselves instead
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.fileinstall.log.level", "2");
        properties.put("org.ops4j.pax.logging.DefaultServiceLog.level", options.logLevel());
        // without a terminal the shell must neither read stdin nor stop the framework when it has nothing to read
        properties.put("gosh.args", options.interactive() ? "" : "--nointeractive --noshutdown");
        return properties;
    }

    private List<Bundle> install(BundleContext context) throws LaunchException, BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (Path folder : List.of(options.home().resolve("bundles/core"),
                options.home().resolve("bundles").resolve(options.role().folder()))) {
            List<Path> jars;
            try (Stream<Path> files = Files.list(folder)) {
                jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                throw new LaunchException("the distribution has no bundle folder " + folder
                        + "; rebuild it with 'mvn -B -DskipTests package -pl distribution -am'", e);
            }
            for (Path jar : jars) {
                installed.add(context.installBundle(jar.toUri().toString()));
            }
        }
        return installed;
    }

    /** Waits for the role's services, then says what runs and where. */
    private void report(BundleContext context, long startedNanos) {
        Role role = options.role();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        try {
            for (String service : role.readyServices()) {
                if (!waitFor(context, service, deadline)) {
                    out.println("Twilight " + role + " started, but " + service + " did not appear within "
                            + READY_TIMEOUT_SECONDS + " s; type 'scr:list' in the shell to see which component waits");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // describing probes the backends, which is part of being ready to stream
        Map<String, String> description = new LinkedHashMap<>(role.describe(context));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        long active = Stream.of(context.getBundles()).filter(b -> b.getState() == Bundle.ACTIVE).count();
        long fragments = Stream.of(context.getBundles())
                .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) != null).count();
        out.println("Twilight " + role + " ready in " + millis + " ms: " + active + " bundles active, "
                + fragments + " fragment(s) attached");
        description.put("configuration", options.configDir() + " (edit a file there to change the running "
                + role + ")");
        description.put("state", options.stateDir().toString());
        description.put("shell", (options.interactive() ? "type 'help' or 'twilight:status'; "
                : "not interactive; ") + "Ctrl+C stops");
        description.forEach((label, value) -> out.printf("  %-16s %s%n", label + ":", value));
    }

    /**
     * Runs a client verb through the client command-line service. It is called by reflection with JDK types only,
     * since its class lives in a bundle.
     */
    private int runVerb(BundleContext context) throws LaunchException {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<Object, Object>(context, context.createFilter("(" + CLI_PROPERTY + "=client)"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open();
        try {
            Object commandLine = tracker.waitForService(TimeUnit.SECONDS.toMillis(READY_TIMEOUT_SECONDS));
            if (commandLine == null) {
                throw new LaunchException("the client commands did not start within " + READY_TIMEOUT_SECONDS
                        + " s; run './twilight client' and type 'scr:list' to see which component waits");
            }
            Method run = commandLine.getClass().getMethod("run", String[].class, PrintStream.class, PrintStream.class);
            return (Integer) run.invoke(commandLine, options.verb().toArray(String[]::new), out, System.err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ReflectiveOperationException e) {
            throw new LaunchException("the client commands failed: " + e, e);
        } finally {
            tracker.close();
        }
    }

    private static boolean waitFor(BundleContext context, String service, long deadlineNanos)
            throws InterruptedException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, service, null);
        tracker.open();
        try {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            return left > 0 && tracker.waitForService(left) != null;
        } finally {
            tracker.close();
        }
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MILLIS);
        } catch (BundleException e) {
            System.err.println("twilight: error while stopping: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Calls a no-argument accessor on a service object from inside the framework (its classes are not ours). */
    static Object call(Object target, String accessor) {
        try {
            Method method = target.getClass().getMethod(accessor);
            method.setAccessible(true);
            return method.invoke(target);
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }
}
