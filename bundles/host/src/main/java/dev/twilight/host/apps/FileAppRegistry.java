package dev.twilight.host.apps;

import dev.twilight.api.apps.App;
import dev.twilight.api.apps.AppRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apps offered to clients, read from a JSON file ({@code apps.json} in the configuration folder unless the
 * {@code file} setting names another) and re-read within a second of every change.
 *
 * <p>Format:
 * <pre>{@code
 * {"apps": [
 *   {"name": "Steam",                      required, unique
 *    "id": 123,                            optional: 1..2147483647; default derived from the name
 *    "cmd": "steam -bigpicture",           optional: run with /bin/sh -c; none = a desktop stream
 *    "working-dir": "/home/me",            optional: default the host's working directory
 *    "env": {"K": "V"},                    optional: added to the app's environment
 *    "prep-cmd": [{"do": "...", "undo": "..."}],  optional: run with /bin/sh -c before start / after stop
 *    "image-path": "/home/me/steam.png"}   optional: PNG box art
 * ]}
 * }</pre>
 * A built-in "Desktop" app with no command comes first unless the file has an app of that name. An app without
 * an {@code id} gets the CRC32 of its name as a positive 31-bit number (the next free number on a clash), so ids
 * stay the same across restarts and clients keep their shortcuts. Fields this host does not use (Sunshine's
 * {@code detached}, {@code auto-detach}, ...) are ignored with a warning. A missing file offers only Desktop; a
 * malformed one is reported in the log and the last good list stays in use.
 */
@Component(service = AppRegistry.class, configurationPid = FileAppRegistry.PID)
@Designate(ocd = FileAppRegistry.Config.class)
public class FileAppRegistry implements AppRegistry {

    static final String PID = "dev.twilight.host.apps";
    static final String CONFIG_FOLDER_PROPERTY = "felix.fileinstall.dir";
    static final String DEFAULT_FILE_NAME = "apps.json";
    private static final long POLL_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(FileAppRegistry.class);

    @ObjectClassDefinition(name = "Twilight apps", description = "Where the list of apps offered to clients is read")
    public @interface Config {
        @AttributeDefinition(name = "Apps file", required = false,
                description = "Path of the apps JSON file; empty for apps.json in the configuration folder (the "
                        + "felix.fileinstall.dir framework property). Changes to the file apply within a second")
        String file() default "";
    }

    private static final List<App> DESKTOP_ONLY = AppsFile.desktopOnly();

    private final Path configFolder;
    private final ScheduledExecutorService watcher;
    private final Object lock = new Object();
    private volatile List<App> apps = DESKTOP_ONLY;
    /** Guarded by {@link #lock}: the file read and what it looked like then. */
    private Path file;
    private Stamp stamp;

    @Activate
    public FileAppRegistry(BundleContext context, Config config) {
        this(Optional.ofNullable(context.getProperty(CONFIG_FOLDER_PROPERTY)).filter(value -> !value.isBlank())
                .map(Path::of).orElse(null), config);
    }

    /** @param configFolder where the default apps.json is, null when there is no configuration folder */
    FileAppRegistry(Path configFolder, Config config) {
        this.configFolder = configFolder;
        configure(config);
        watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "twilight-apps-watch");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Modified
    void modified(Config config) {
        configure(config);
    }

    @Deactivate
    void deactivate() {
        watcher.shutdownNow();
    }

    @Override
    public List<App> apps() {
        return apps;
    }

    @Override
    public Optional<App> find(int id) {
        return apps.stream().filter(app -> app.id() == id).findFirst();
    }

    private void configure(Config config) {
        synchronized (lock) {
            String configured = config.file() == null ? "" : config.file().strip();
            if (!configured.isEmpty()) {
                try {
                    file = Path.of(configured);
                } catch (InvalidPathException e) {
                    LOG.error("the apps file setting '{}' of {} is not a valid path ({}); set 'file' to the path of "
                            + "an apps JSON file. Until then the current list of {} app(s) stays in use", configured,
                            PID, e.getMessage(), apps.size());
                    return;
                }
            } else if (configFolder != null) {
                file = configFolder.resolve(DEFAULT_FILE_NAME);
            } else {
                file = null;
                stamp = null;
                apps = DESKTOP_ONLY;
                LOG.warn("no apps file is configured and the framework property {} is not set: only Desktop is "
                        + "offered; set 'file' in the {} configuration", CONFIG_FOLDER_PROPERTY, PID);
                return;
            }
            load(Stamp.of(file));
        }
    }

    /** Reads the file again if it changed; runs every second. */
    void poll() {
        try {
            synchronized (lock) {
                if (file != null) {
                    Stamp now = Stamp.of(file);
                    if (!now.equals(stamp)) {
                        load(now);
                    }
                }
            }
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: keep watching
            LOG.error("checking the apps file {} failed; the current list stays in use", file, e);
        }
    }

    /** Called with the lock held. */
    private void load(Stamp now) {
        stamp = now;
        if (!now.exists()) {
            apps = DESKTOP_ONLY;
            LOG.info("the apps file {} does not exist: only Desktop is offered; create it to offer apps", file);
            return;
        }
        try {
            AppsFile.Parsed parsed = AppsFile.parse(Files.readAllBytes(file));
            apps = parsed.apps();
            LOG.info("{} app(s) offered from {}", parsed.apps().size(), file);
            if (!parsed.ignoredFields().isEmpty()) {
                LOG.warn("the apps file {} uses fields this host ignores: {}", file,
                        String.join(", ", parsed.ignoredFields()));
            }
        } catch (AppsFile.InvalidAppsFile e) {
            LOG.error("the apps file {} is not valid: {}. Fix the file; until then the previous list of {} app(s) "
                    + "stays in use", file, e.getMessage(), apps.size());
        } catch (IOException e) {
            LOG.error("the apps file {} cannot be read ({}). Make it readable by the host's user; until then the "
                    + "previous list of {} app(s) stays in use", file, e, apps.size());
        }
    }

    /** What the file looked like: a change of any part means it must be read again. */
    private record Stamp(boolean exists, FileTime modified, long size) {

        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(true, attributes.lastModifiedTime(), attributes.size());
            } catch (NoSuchFileException e) {
                return new Stamp(false, null, -1);
            } catch (IOException e) {
                // unreadable attributes: try to read the file so that the problem is reported
                return new Stamp(true, null, -1);
            }
        }
    }
}
