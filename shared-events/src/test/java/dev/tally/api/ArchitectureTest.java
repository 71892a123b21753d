package dev.tally.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The published language: plain records every side reads, with no framework but Axon's annotations and Jackson's. */
@AnalyzeClasses(packages = "dev.tally.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.tally.api.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noSpringAndNoOtherModule = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "dev.tally.platform..", "dev.tally.command..", "dev.tally.query..",
                    "dev.tally.gateway..", "dev.tally.standalone..");
}
