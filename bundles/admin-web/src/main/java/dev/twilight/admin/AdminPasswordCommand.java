package dev.twilight.admin;

import java.io.IOException;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code twilight:admin-password [NEW]}: sets the admin API's password, or generates one and prints it. A Gogo
 * {@link Function} rather than a method, because Gogo matches method names and this command's name has a hyphen.
 * It lives here, next to the credentials it changes, so the shell bundle needs none of this bundle's internals.
 */
@Component(service = AdminPasswordCommand.class, property = {
    "osgi.command.scope=twilight",
    "osgi.command.function=admin-password"
})
public class AdminPasswordCommand implements Function {

    static final String USAGE = "usage: twilight:admin-password [NEW] (without NEW, a password is generated and "
            + "printed)";

    private final AdminCredentials credentials;

    @Activate
    public AdminPasswordCommand(@Reference(name = "credentials") AdminCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        if (arguments.size() > 1) {
            return USAGE;
        }
        boolean generated = arguments.isEmpty();
        String password = generated ? credentials.generatePassword() : String.valueOf(arguments.get(0));
        try {
            credentials.changePassword(password);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        } catch (IOException e) {
            return "the password is unchanged: could not write " + credentials.file() + " (" + e.getMessage()
                    + "); check that the state folder is writable";
        }
        return (generated ? "new admin password: " + password : "admin password changed")
                + " (user '" + AdminCredentials.USERNAME + "'; the launcher's token stays valid)";
    }
}
