package org.opportune;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps the module boundaries honest and writes the module documentation to target/spring-modulith-docs. */
class ModularityTests {

    /** Read once for both tests (JUnit makes an instance per test; reading the classes takes seconds). */
    private static final ApplicationModules modules = ApplicationModules.of(OpportuneApplication.class);

    @Test
    void modulesOnlyDependOnWhatTheyDeclare() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }
}
