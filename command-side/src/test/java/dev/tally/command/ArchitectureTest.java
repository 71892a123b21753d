package dev.tally.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tally.platform.test.ModuleRules;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The command side's package rules (docs/architecture.md, "Where things live"). */
@AnalyzeClasses(packages = "dev.tally.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] PLUMBING = {"dev.tally.command.dispatch..", "dev.tally.command.ratelimit.."};

    @ArchTest
    static final ArchRule noPackageCycles = ModuleRules.noPackageCycles("dev.tally.command");

    @ArchTest
    static final ArchRule configurationOnlyWires = ModuleRules.configurationOnlyWires("dev.tally.command");

    @ArchTest
    static final ArchRule knowsNoOtherSide = ModuleRules.knowsNoOtherSide("dev.tally.command");

    /** How commands are sent, made idempotent and rate-limited serves every feature and knows none. */
    @ArchTest
    static final ArchRule plumbingKnowsNoFeature = classes().that().resideInAnyPackage(PLUMBING)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.tally.command..").or(resideInAnyPackage(PLUMBING)));
}
