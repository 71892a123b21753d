package dev.tally.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tally.platform.test.ModuleRules;

/** The gateway's package rules (docs/architecture.md, "Where things live"). */
@AnalyzeClasses(packages = "dev.tally.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = ModuleRules.noPackageCycles("dev.tally.gateway");

    @ArchTest
    static final ArchRule configurationOnlyWires = ModuleRules.configurationOnlyWires("dev.tally.gateway");

    @ArchTest
    static final ArchRule knowsNoOtherSide = ModuleRules.knowsNoOtherSide("dev.tally.gateway");
}
