package dev.twilight.policy.lenient;

import dev.twilight.api.session.PolicyDecision;
import dev.twilight.api.session.SessionPolicy;
import dev.twilight.api.session.SessionRequest;
import dev.twilight.api.session.StreamSession;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Sunshine's behaviour since PR #3325: any number of clients may watch the running app, and quitting it ends
 * every stream first (each client is told) instead of being refused.
 */
@Component(service = SessionPolicy.class)
public class LenientPolicy implements SessionPolicy {

    static final String NAME = "lenient";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "several clients may watch the running app; quitting it ends every stream first";
    }

    @Override
    public PolicyDecision decide(SessionRequest request, List<StreamSession> live) {
        if (request.action() == SessionRequest.Action.CANCEL) {
            return PolicyDecision.allowAfterEnding(live.stream().map(StreamSession::id).toList());
        }
        return PolicyDecision.allow();
    }
}
