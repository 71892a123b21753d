package dev.tally.platform.test;

import org.junit.jupiter.api.Assumptions;

/**
 * A test that needs something on the machine Maven cannot bring (a browser, a server's binaries): without it the test
 * is reported as skipped, with the line that installs it; under {@code CI=true} a missing requirement fails instead,
 * so CI never passes by skipping. On the test class:
 * {@code @EnabledIf(value = "found", disabledReason = "… install with: apt-get install -y …")} with
 * {@code static boolean found() { return MachineRequirement.presentOrCi(…); }}, and {@link #require} where it starts.
 */
public final class MachineRequirement {

    private MachineRequirement() {
    }

    /** Whether to run the test: when the requirement is present, and under {@code CI=true} always (so that it fails). */
    public static boolean presentOrCi(boolean present) {
        return present || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static void require(boolean present, String what, String install) {
        String message = what + " is not on this machine; install it with: " + install;
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: a missing requirement fails the build)");
        }
        Assumptions.assumeTrue(present, message);
    }
}
