package dev.sluice.kernel.js;

import java.util.logging.Logger;

/** Where the lines a policy passes to {@code ctx.log} go: the gateway log, or a test's list. */
@FunctionalInterface
public interface PolicyLog {

    /** The gateway log: logger {@code dev.sluice.policy}, level INFO. */
    PolicyLog GATEWAY = new PolicyLog() {
        private final Logger log = Logger.getLogger("dev.sluice.policy");

        @Override
        public void line(String file, String requestId, String line) {
            log.info(() -> "policy " + file + " [" + requestId + "]: " + line);
        }
    };

    /**
     * One line.
     *
     * @param file the policy file's name
     * @param requestId the request the line was logged for
     * @param line what the policy logged
     */
    void line(String file, String requestId, String line);
}
