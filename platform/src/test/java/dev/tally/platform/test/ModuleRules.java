package dev.tally.platform.test;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every module keeps (docs/architecture.md, "Where things live"), for each module's ArchUnit test.
 * {@code module} is the module's root package, such as {@code dev.tally.query}.
 */
public final class ModuleRules {

    private static final String[] SIDES = {"dev.tally.command..", "dev.tally.query..", "dev.tally.gateway..", "dev.tally.standalone.."};

    private ModuleRules() {
    }

    /** Packages by feature, and no cycle between them: each can be read, and changed, from the ones it uses. */
    public static ArchRule noPackageCycles(String module) {
        return slices().matching(module + ".(*)..").namingSlices("$1").should().beFreeOfCycles()
                .because("a package can only be understood together with every package in its cycle");
    }

    /** The {@code config} package wires the features; no feature depends on it (constants live with what they name). */
    public static ArchRule configurationOnlyWires(String module) {
        return noClasses().that().resideOutsideOfPackage(module + ".config..")
                .should().dependOnClassesThat().resideInAPackage(module + ".config..")
                .allowEmptyShould(true)
                .because("configuration depends on the features it wires, never the other way round");
    }

    /** A side knows the others only through the published language (shared-events) and platform. */
    public static ArchRule knowsNoOtherSide(String module) {
        return noClasses().that().resideInAPackage(module + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others(module))
                .because("the sides are deployed apart and meet only in shared-events, the feed and HTTP");
    }

    private static String[] others(String module) {
        return java.util.Arrays.stream(SIDES).filter(side -> !side.equals(module + "..")).toArray(String[]::new);
    }
}
