package dev.callboard;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package layering of docs/architecture.md: a package uses only packages below it, no packages
 * form a cycle, and domain code has no transport types in it. A new package fails here until it is
 * given its place in {@link #LAYERS} (and in docs/architecture.md); it is domain code unless it is
 * named in {@link #EDGES}.
 */
class ArchitectureTest {
    private static final String BASE = "dev.callboard";

    /** Bottom to top. {@code ""} is {@value #BASE} itself, the application class. */
    static final List<String> LAYERS = List.of(
            "error", "identity", "db", "messaging", "outbox", "cluster", "directory", "auth",
            "presence", "call", "missedcall", "account", "webhook", "web", "realtime", "ops", "");

    /** Transport and infrastructure. Every other package is domain code. */
    static final Set<String> EDGES = Set.of("db", "cluster", "web", "realtime", "ops", "");

    /** Types that belong to the transport, never to domain code (REST controllers excepted). */
    static final String[] TRANSPORT_TYPES = {"reactor..", "io.netty..", "org.springframework.web..", "org.springframework.http.."};

    /** The server's own compiled classes (not the tests, not the client SDK on the test class path). */
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void everyPackageHasItsPlaceInTheLayers() {
        classes().should(new ArchCondition<>("reside in a package listed in ArchitectureTest.LAYERS") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (!LAYERS.contains(layerOf(c.getPackageName()))) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is in a package without a layer: "
                            + "add it to ArchitectureTest.LAYERS and to docs/architecture.md"));
                }
            }
        }).check(MAIN);
    }

    @Test
    void packagesUseOnlyPackagesBelowThem() {
        classes().should(onlyUsePackagesBelowTheirOwn()).check(MAIN);
    }

    @Test
    void noPackagesFormACycle() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void domainCodeHasNoTransportTypes() {
        ArchRule rule = noClasses().that(inDomainPackages()).and().haveSimpleNameNotEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage(TRANSPORT_TYPES)
                .because("domain code is plain Java; only the transport (and REST controllers) speaks HTTP or WebSocket");
        rule.check(MAIN);
    }

    /**
     * The same order on the source's import lines, which also sees an import nothing uses (the
     * compiler drops those, so the class files cannot show them).
     */
    @Test
    void importLinesFollowTheLayersToo() throws IOException {
        Pattern packageLine = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
        Pattern importLine = Pattern.compile("^import (?:static )?" + Pattern.quote(BASE) + "\\.(\\w+)[\\w.]*;", Pattern.MULTILINE);
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = packageLine.matcher(text);
                if (!pkg.find()) continue;
                String from = layerOf(pkg.group(1));
                Matcher imports = importLine.matcher(text);
                while (imports.find()) {
                    String to = imports.group(1);
                    if (!isBelowOrSame(from, LAYERS.contains(to) ? to : "")) wrong.add(file.getFileName() + ": " + imports.group());
                }
            }
        }
        assertThat(wrong).as("imports of a package above the importing one").isEmpty();
    }

    private static ArchCondition<JavaClass> onlyUsePackagesBelowTheirOwn() {
        return new ArchCondition<>("use only packages below their own (ArchitectureTest.LAYERS)") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String from = layerOf(c.getPackageName());
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    if (!isOurs(target)) continue;
                    String to = layerOf(target);
                    if (!isBelowOrSame(from, to)) {
                        events.add(SimpleConditionEvent.violated(d, "'" + display(from) + "' uses '" + display(to)
                                + "', which is above it: " + d.getDescription()));
                    }
                }
            }
        };
    }

    private static DescribedPredicate<JavaClass> inDomainPackages() {
        return DescribedPredicate.describe("are in domain packages (not " + EDGES.stream().map(ArchitectureTest::display).sorted().toList() + ")",
                c -> !EDGES.contains(layerOf(c.getPackageName())));
    }

    private static boolean isOurs(String packageName) {
        return packageName.equals(BASE) || packageName.startsWith(BASE + ".");
    }

    /** {@code dev.callboard.presence} and its sub-packages are {@code presence}; {@code dev.callboard} is {@code ""}. */
    static String layerOf(String packageName) {
        if (packageName.equals(BASE)) return "";
        String rest = packageName.substring(BASE.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static boolean isBelowOrSame(String from, String to) {
        int f = LAYERS.indexOf(from);
        int t = LAYERS.indexOf(to);
        return f >= 0 && t >= 0 && t <= f;
    }

    private static String display(String layer) {
        return layer.isEmpty() ? BASE : layer;
    }
}
