package dev.twilight.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code twilight pin PIN [NAME] [--state DIR]}: gives the PIN a pairing Moonlight client shows to the host that
 * runs on this machine, through its admin API. The running host writes where that API answers
 * ({@code admin-endpoint}) and the local token ({@code admin.json}) into its state folder, readable only by the
 * user that runs it; no framework starts here.
 */
final class PinCommand {

    static final String NAME = "pin";
    static final String USAGE = "usage: twilight pin PIN [NAME] [--state DIR]";
    static final String ENDPOINT_FILE = "admin-endpoint";
    static final String CREDENTIALS_FILE = "admin.json";
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String START_HOST = "start one with './twilight host'";

    /**
     * @param pin        the four digits the client shows (the host checks them)
     * @param clientName the name to store the client under; null lets the host name it after its address
     * @param stateDir   the running host's state folder
     */
    record Arguments(String pin, String clientName, Path stateDir) {

        static Arguments parse(String[] args, Map<String, String> environment) {
            String pin = null;
            String clientName = null;
            Path state = LaunchOptions.defaultStateDir(Role.HOST, environment);
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--state")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--state needs a value");
                    }
                    state = Path.of(args[++i]);
                } else if (arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option '" + arg + "'");
                } else if (pin == null) {
                    pin = arg;
                } else if (clientName == null) {
                    clientName = arg;
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "' (quote a NAME with spaces)");
                }
            }
            if (pin == null) {
                throw new IllegalArgumentException("give the PIN the pairing client shows");
            }
            return new Arguments(pin, clientName, state.toAbsolutePath());
        }
    }

    private final Arguments arguments;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    PinCommand(Arguments arguments) {
        this.arguments = arguments;
    }

    /** @return the exit status: 0 when the host took the PIN, 1 when not, 2 for a command line mistake */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args, environment);
        } catch (IllegalArgumentException e) {
            err.println("twilight: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            out.println(new PinCommand(arguments).submit());
            return 0;
        } catch (LaunchException e) {
            err.println("twilight: " + e.getMessage());
            return 1;
        }
    }

    /** @return the host's message when it took the PIN */
    String submit() throws LaunchException {
        String base = endpoint();
        URI uri;
        try {
            uri = URI.create(base + "/pin");
        } catch (IllegalArgumentException e) {
            throw new LaunchException(file(ENDPOINT_FILE) + " holds no URL ('" + base + "'); restart the host to "
                    + "write it again", e);
        }
        String body = "{\"pin\":" + Json.quote(arguments.pin())
                + (arguments.clientName() == null ? "" : ",\"name\":" + Json.quote(arguments.clientName())) + "}";
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        Map<String, Object> answer;
        try {
            answer = Json.parseObject(response.body());
        } catch (IllegalArgumentException e) {
            throw new LaunchException("the host at " + base + " answered HTTP " + response.statusCode()
                    + " without a JSON body; is the admin API running there? ('scr:list' in the host shell shows "
                    + "whether dev.twilight.admin.AdminApiServlet is active)", e);
        }
        String message = String.valueOf(answer.get("message"));
        if (response.statusCode() == 200 && Boolean.TRUE.equals(answer.get("accepted"))) {
            return message;
        }
        Object remedy = answer.get("remedy");
        throw new LaunchException(message + (remedy == null ? "" : "; " + remedy));
    }

    private HttpResponse<String> send(HttpRequest request) throws LaunchException {
        String url = request.uri().toString();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new LaunchException("no Twilight host answers at " + url + " (" + e.getMessage() + "): the host "
                    + "that wrote " + file(ENDPOINT_FILE) + " is not running any more; " + START_HOST, e);
        } catch (HttpTimeoutException e) {
            throw new LaunchException("the host at " + url + " did not answer within " + TIMEOUT.toSeconds()
                    + " s; check that it still runs", e);
        } catch (IOException e) {
            throw new LaunchException("could not talk to the host at " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for the host at " + url, e);
        }
    }

    private String endpoint() throws LaunchException {
        try {
            return Files.readString(file(ENDPOINT_FILE)).strip();
        } catch (NoSuchFileException e) {
            throw new LaunchException("no Twilight host runs with the state folder " + arguments.stateDir()
                    + " (it has no " + ENDPOINT_FILE + " file); " + START_HOST + ", or pass the --state DIR the "
                    + "host was started with", e);
        } catch (IOException e) {
            throw unreadable(ENDPOINT_FILE, e);
        }
    }

    private String token() throws LaunchException {
        Object token;
        try {
            token = Json.parseObject(Files.readString(file(CREDENTIALS_FILE))).get("token");
        } catch (IOException e) {
            throw unreadable(CREDENTIALS_FILE, e);
        } catch (IllegalArgumentException e) {
            throw new LaunchException(file(CREDENTIALS_FILE) + " is damaged (" + e.getMessage() + "); move it away "
                    + "and restart the host to create new admin credentials", e);
        }
        if (!(token instanceof String text) || text.isBlank()) {
            throw new LaunchException(file(CREDENTIALS_FILE) + " has no token; move it away and restart the host "
                    + "to create new admin credentials");
        }
        return text;
    }

    private LaunchException unreadable(String name, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied; run this as the user that runs the host"
                : e instanceof NoSuchFileException ? "no such file; pass the --state DIR the host was started with"
                : e.toString();
        return new LaunchException("cannot read " + file(name) + ": " + why, e);
    }

    private Path file(String name) {
        return arguments.stateDir().resolve(name);
    }
}
