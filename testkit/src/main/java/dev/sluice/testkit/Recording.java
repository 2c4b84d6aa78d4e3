package dev.sluice.testkit;

import io.helidon.webserver.http.ServerRequest;

/** Records Helidon requests for the fakes in other packages of the testkit. */
public final class Recording {
    private Recording() {
    }

    /** Reads the whole request (body included) into an immutable record. */
    public static RecordedRequest capture(ServerRequest req) {
        return RequestLog.capture(req);
    }
}
