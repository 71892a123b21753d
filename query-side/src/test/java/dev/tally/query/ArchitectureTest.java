package dev.tally.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tally.platform.test.ModuleRules;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The query side's package rules (docs/architecture.md, "Where things live"). */
@AnalyzeClasses(packages = "dev.tally.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The feed, the projection machinery and the web helpers every feature uses. */
    private static final String[] PLUMBING = {"dev.tally.query.feed..", "dev.tally.query.projection..", "dev.tally.query.web.."};

    @ArchTest
    static final ArchRule noPackageCycles = ModuleRules.noPackageCycles("dev.tally.query");

    @ArchTest
    static final ArchRule configurationOnlyWires = ModuleRules.configurationOnlyWires("dev.tally.query");

    @ArchTest
    static final ArchRule knowsNoOtherSide = ModuleRules.knowsNoOtherSide("dev.tally.query");

    @ArchTest
    static final ArchRule plumbingKnowsNoFeature = classes().that().resideInAnyPackage(PLUMBING)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.tally.query..").or(resideInAnyPackage(PLUMBING)));
}
