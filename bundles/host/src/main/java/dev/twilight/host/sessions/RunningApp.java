package dev.twilight.host.sessions;

import dev.twilight.api.apps.App;
import dev.twilight.api.session.LaunchParameters;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start of an app: the prep commands that ran, the process tree of its command and how to undo both. Every
 * command runs through {@code /bin/sh -c} with the app's environment plus the {@code SUNSHINE_*} launch variables
 * that Sunshine's apps expect; every wait has a limit.
 */
final class RunningApp {

    /** How long a killed process tree may take to disappear. */
    private static final Duration KILL_WAIT = Duration.ofMillis(500);
    private static final long EXIT_POLL_MILLIS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(RunningApp.class);

    private final App app;
    /** Null for an app without a command: it counts as running until it is stopped. */
    private final Process process;
    private final Map<String, String> environment;
    /** Prep commands that succeeded, in order: their undo commands run after the app, in reverse. */
    private final List<App.PrepCommand> prepared;
    private final Duration commandLimit;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean undone = new AtomicBoolean();

    private RunningApp(App app, Process process, Map<String, String> environment, List<App.PrepCommand> prepared,
                       Duration commandLimit) {
        this.app = app;
        this.process = process;
        this.environment = environment;
        this.prepared = prepared;
        this.commandLimit = commandLimit;
    }

    /** Thrown when a prep command fails or the command cannot start; the message says which and why. */
    static final class StartFailed extends Exception {
        StartFailed(String message) {
            super(message);
        }
    }

    /**
     * Runs the prep commands (each within {@code commandLimit}), then starts the command. On failure the prep
     * commands that already ran are undone.
     */
    static RunningApp start(App app, LaunchParameters parameters, Duration commandLimit) throws StartFailed {
        Map<String, String> environment = environment(app, parameters);
        List<App.PrepCommand> prepared = new ArrayList<>();
        for (App.PrepCommand step : app.prepare()) {
            String failure = run(step.run(), app, environment, commandLimit);
            if (failure != null) {
                undo(app, environment, prepared, commandLimit);
                throw new StartFailed("the prep command '" + step.run() + "' of " + app.name() + " " + failure);
            }
            prepared.add(step);
        }
        if (app.command().isBlank()) {
            LOG.info("{} has no command: it counts as running until it is quit", app.name());
            return new RunningApp(app, null, environment, prepared, commandLimit);
        }
        try {
            Process process = shell(app.command(), app, environment).start();
            process.getOutputStream().close();
            LOG.info("{} started: '{}' (pid {})", app.name(), app.command(), process.pid());
            return new RunningApp(app, process, environment, prepared, commandLimit);
        } catch (IOException e) {
            undo(app, environment, prepared, commandLimit);
            throw new StartFailed("the command '" + app.command() + "' of " + app.name() + " could not be started ("
                    + e.getMessage() + ")");
        }
    }

    App app() {
        return app;
    }

    boolean stopRequested() {
        return stopRequested.get();
    }

    /** Calls {@code handler} with the exit code when the command exits; never for an app without a command. */
    void onExit(IntConsumer handler, Executor executor) {
        if (process != null) {
            process.onExit().thenAcceptAsync(exited -> handler.accept(exited.exitValue()), executor);
        }
    }

    /**
     * Ends the app: asks its whole process tree to terminate, kills what is left after {@code grace}, then runs
     * the undo commands.
     */
    void stop(Duration grace) {
        stopRequested.set(true);
        if (process != null) {
            List<ProcessHandle> tree = tree();
            tree.forEach(ProcessHandle::destroy);
            if (!awaitExit(tree, grace)) {
                LOG.warn("{} did not exit within {} ms of being asked to; killing it", app.name(), grace.toMillis());
                tree.forEach(ProcessHandle::destroyForcibly);
                if (!awaitExit(tree, KILL_WAIT)) {
                    LOG.error("{}: processes {} survived a kill; they are left behind", app.name(),
                            tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
                }
            }
            LOG.info("{} stopped", app.name());
        }
        undo();
    }

    /** Kills the process tree at once without waiting, when a stop took too long. */
    void forceKill() {
        stopRequested.set(true);
        if (process != null) {
            tree().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Runs the undo commands once, however often it is called (stop and the exit watch may both get here). */
    void undo() {
        if (undone.compareAndSet(false, true)) {
            undo(app, environment, prepared, commandLimit);
        }
    }

    /** Children first: they are re-parented, and out of reach, once their parent is gone. */
    private List<ProcessHandle> tree() {
        return Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
    }

    /**
     * Polls rather than using {@link ProcessHandle#onExit()}, which for processes that are not our children
     * sleeps 300 ms and more between checks.
     */
    private static boolean awaitExit(List<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!processes.stream().allMatch(RunningApp::gone)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(EXIT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Exited, or a zombie: dead, waiting only for the parent it was handed to to reap it, which an init that
     * does not reap (PID 1 in many containers) never does. {@link ProcessHandle#isAlive()} counts zombies alive.
     */
    static boolean gone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // "pid (command) state ...": the command may itself hold spaces and parentheses
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return !process.isAlive();
        }
    }

    private static void undo(App app, Map<String, String> environment, List<App.PrepCommand> prepared,
                             Duration limit) {
        List<App.PrepCommand> reversed = new ArrayList<>(prepared);
        Collections.reverse(reversed);
        for (App.PrepCommand step : reversed) {
            if (!step.undo().isBlank()) {
                String failure = run(step.undo(), app, environment, limit);
                if (failure != null) {
                    LOG.warn("the undo command '{}' of {} {}; check it in the apps file", step.undo(), app.name(),
                            failure);
                }
            }
        }
    }

    /** @return null on success, else what went wrong, phrased to follow the command */
    private static String run(String command, App app, Map<String, String> environment, Duration limit) {
        Process process;
        try {
            process = shell(command, app, environment).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            return "could not be started (" + e.getMessage() + ")";
        }
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                        .forEach(ProcessHandle::destroyForcibly);
                return "did not finish within " + limit.toMillis() + " ms and was killed";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return "was interrupted";
        }
        int exitCode = process.exitValue();
        return exitCode == 0 ? null : "exited with code " + exitCode;
    }

    private static ProcessBuilder shell(String command, App app, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        if (!app.workingDirectory().isBlank()) {
            builder.directory(new File(app.workingDirectory()));
        }
        builder.environment().putAll(environment);
        return builder;
    }

    private static Map<String, String> environment(App app, LaunchParameters parameters) {
        Map<String, String> environment = new LinkedHashMap<>(app.environment());
        environment.put("SUNSHINE_APP_ID", Integer.toString(app.id()));
        environment.put("SUNSHINE_APP_NAME", app.name());
        environment.put("SUNSHINE_CLIENT_WIDTH", Integer.toString(parameters.width()));
        environment.put("SUNSHINE_CLIENT_HEIGHT", Integer.toString(parameters.height()));
        environment.put("SUNSHINE_CLIENT_FPS", Integer.toString(parameters.fps()));
        environment.put("SUNSHINE_CLIENT_HDR", Boolean.toString(parameters.hdr()));
        environment.put("SUNSHINE_CLIENT_GCMAP", Integer.toString(parameters.gamepadMask()));
        environment.put("SUNSHINE_CLIENT_HOST_AUDIO", Boolean.toString(parameters.localAudio()));
        environment.put("SUNSHINE_CLIENT_ENABLE_SOPS", Boolean.toString(parameters.optimizeSettings()));
        environment.put("SUNSHINE_CLIENT_AUDIO_CONFIGURATION", audioConfiguration(parameters.surroundAudioInfo()));
        return environment;
    }

    /** The low 16 bits of surroundAudioInfo are the channel count. */
    static String audioConfiguration(int surroundAudioInfo) {
        return switch (surroundAudioInfo & 0xffff) {
            case 6 -> "5.1";
            case 8 -> "7.1";
            default -> "2.0";
        };
    }

    @Override
    public String toString() {
        return app.name() + (process == null ? " (no command)" : " (pid " + process.pid() + ")");
    }
}
