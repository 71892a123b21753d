package dev.tally.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tally.platform.test.ModuleRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The gateway's package rules (docs/architecture.md, "Where things live"). */
@AnalyzeClasses(packages = "dev.tally.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = ModuleRules.noPackageCycles("dev.tally.gateway");

    @ArchTest
    static final ArchRule configurationOnlyWires = ModuleRules.configurationOnlyWires("dev.tally.gateway");

    @ArchTest
    static final ArchRule knowsNoOtherSide = ModuleRules.knowsNoOtherSide("dev.tally.gateway");

    /** Engine.IO and Socket.IO stand alone (the conformance server runs them without the product); the product sits on top. */
    @ArchTest
    static final ArchRule protocolLayerKnowsNoProduct = classes().that()
            .resideInAnyPackage("dev.tally.gateway.engineio..", "dev.tally.gateway.socketio..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.tally.gateway.engineio..",
                    "dev.tally.gateway.socketio..", "java..", "jakarta..", "org.springframework..", "org.slf4j..",
                    "com.fasterxml.jackson..")
            .because("the protocol layer imports nothing from the product (issue 13)");
}
