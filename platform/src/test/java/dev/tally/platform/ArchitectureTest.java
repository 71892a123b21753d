package dev.tally.platform;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tally.platform.test.ModuleRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Platform's package rules: the infrastructure every side shares knows none of them. */
@AnalyzeClasses(packages = "dev.tally.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = ModuleRules.noPackageCycles("dev.tally.platform");

    @ArchTest
    static final ArchRule configurationOnlyWires = ModuleRules.configurationOnlyWires("dev.tally.platform");

    @ArchTest
    static final ArchRule knowsNoSide = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.tally.command..", "dev.tally.query..", "dev.tally.gateway..", "dev.tally.standalone..");
}
