package dev.twilight.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options that start exactly what the distribution starts for a role: the bundles of its
 * {@code bundles/core} and {@code bundles/<role>} folders, with File Install watching a fresh folder.
 */
final class RoleOptions {

    /** Framework property naming the folder File Install watches, for tests to write configuration into. */
    static final String CONFIG_DIR = "felix.fileinstall.dir";
    /** The socket, relative to the config folder, where the system audio source looks for a sound server. */
    static final String NO_SOUND_SERVER = "no-sound-server/native";

    private RoleOptions() {
    }

    static Option[] role(String role, Option... extra) {
        Path home = Path.of(System.getProperty("twilight.home"));
        List<Option> options = new ArrayList<>();
        for (Path folder : List.of(home.resolve("bundles/core"), home.resolve("bundles").resolve(role))) {
            for (Path jar : jars(folder)) {
                options.add(isFragment(jar) ? bundle(jar.toUri().toString()).noStart() : bundle(jar.toUri().toString()));
            }
        }
        Path config;
        try {
            Path work = Files.createDirectories(Path.of(System.getProperty("twilight.it.work")));
            config = Files.createTempDirectory(work, role + "-config");
            Path state = Files.createTempDirectory(work, role + "-state");
            options.add(frameworkProperty("twilight.state.dir").value(state.toString()));
            options.add(frameworkProperty("felix.fileinstall.tmpdir").value(state.resolve("fileinstall").toString()));
            // tests listen on loopback, on ports the system picks, and never multicast
            Files.writeString(config.resolve("dev.twilight.gamestream.nvhttp.config"),
                    "port=I\"0\"\nbind.address=\"127.0.0.1\"\npairing.timeout.ms=I\"5000\"\n");
            Files.writeString(config.resolve("dev.twilight.gamestream.mdns.config"), "enabled=B\"false\"\n");
            // the tests' input goes to their own sinks, never into the display of whoever runs them
            Files.writeString(config.resolve("dev.twilight.input.x11.config"), "enabled=B\"false\"\n");
            Files.writeString(config.resolve("dev.twilight.gamestream.rtsp.config"), "port=I\"0\"\n");
            // nor record the machine's sound: the system audio source looks for a server that is never there
            Files.writeString(config.resolve("dev.twilight.capture.pulse.config"),
                    "server=\"unix:" + config.resolve(NO_SOUND_SERVER) + "\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
        options.add(frameworkProperty("org.osgi.service.http.port").value("0"));
        options.add(frameworkProperty("twilight.role").value(role));
        options.add(frameworkProperty(CONFIG_DIR).value(config.toString()));
        options.add(frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|config)"));
        options.add(frameworkProperty("felix.fileinstall.poll").value("200"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.fileinstall.enableConfigSave").value("false"));
        options.add(frameworkProperty("gosh.args").value("--nointeractive --noshutdown"));
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("INFO"));
        options.add(junitBundles());
        options.add(cleanCaches());
        options.addAll(List.of(extra));
        return options(options.toArray(Option[]::new));
    }

    /** The bundles of another role's folder, to run both sides of a protocol in one framework. */
    static Option roleBundles(String role) {
        Path folder = Path.of(System.getProperty("twilight.home")).resolve("bundles").resolve(role);
        return org.ops4j.pax.exam.CoreOptions.composite(jars(folder).stream()
                .map(jar -> bundle(jar.toUri().toString())).toArray(Option[]::new));
    }

    /** The media-codec library as a bundle, so tests can decode and read frame stamps. */
    static Option mediaCodecSupport() {
        return bundle(Path.of(System.getProperty("twilight.media.codec.jar")).toUri().toString());
    }

    /** The Xvfb test helper as a bundle, for tests that start a virtual X server of their own. */
    static Option xvfbSupport() {
        return bundle(Path.of(System.getProperty("twilight.xvfb.jar")).toUri().toString());
    }

    /** Every jar the role starts, by file name (for asserting that each one runs). */
    static List<Path> jars(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no bundle folder " + folder + ": build the distribution first", e);
        }
    }

    private static boolean isFragment(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
