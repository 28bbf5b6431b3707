package dev.callboard.e2e;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Event;
import dev.callboard.client.PresenceUpdate;
import dev.callboard.client.Role;
import dev.callboard.directory.VisibilityPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visibility rule is said once ({@link VisibilityPolicy}) and applied in three places that could
 * drift apart: the presence fan-out (who receives a change), the directory query ({@code GET
 * /api/directory}) and the {@code hello} snapshot. For every pair of two admins and two clients, all
 * three must agree with the policy.
 */
@SharedServer
class VisibilityAgreementIT extends EndToEndTest {

    private record Person(String name, Role role, CallboardClient api, CallboardSession session) {
        UUID id() {
            return api.me().id();
        }

        dev.callboard.identity.Role serverRole() {
            return dev.callboard.identity.Role.valueOf(role.name());
        }
    }

    @Test
    void whoReceivesAChangeIsWhoMaySeeTheUserInTheDirectoryAndInHello() {
        List<Person> people = new ArrayList<>();
        for (Object[] p : new Object[][]{{"Ada", Role.ADMIN}, {"Abe", Role.ADMIN}, {"Cleo", Role.CLIENT}, {"Cy", Role.CLIENT}}) {
            CallboardClient api = newUser((Role) p[1], (String) p[0]);
            people.add(new Person((String) p[0], (Role) p[1], api, null));
        }
        people.replaceAll(p -> new Person(p.name(), p.role(), p.api(), connect(p.api())));
        String round = UUID.randomUUID().toString();

        for (Person subject : people) {
            subject.session().setPresence(PresenceUpdate.message(marker(round, subject))).join();
        }
        // One node sends in commit order: once a viewer has this last change (of an admin, whom everyone
        // may see), every earlier change meant for him is in his queue too.
        Person last = people.getFirst();
        last.session().setPresence(PresenceUpdate.message("done " + round)).join();
        for (Person viewer : people) {
            viewer.session().awaitEvent(Event.PresenceChanged.class, e -> e.presence().userId().equals(last.id())
                    && ("done " + round).equals(e.presence().message()), SOON);
        }

        for (Person viewer : people) {
            List<UUID> inDirectory = viewer.api().directory().stream().map(e -> e.user().id()).toList();
            List<UUID> inHello = viewer.session().hello().presence().stream().map(p -> p.userId()).toList();
            for (Person subject : people) {
                if (subject == viewer) continue;
                boolean policy = VisibilityPolicy.canSee(viewer.id(), viewer.serverRole(), subject.id(), subject.serverRole());
                String pair = viewer.name() + " (" + viewer.role() + ") sees " + subject.name() + " (" + subject.role() + ")";
                boolean gotTheChange = viewer.session().recentEvents().stream()
                        .filter(Event.PresenceChanged.class::isInstance).map(Event.PresenceChanged.class::cast)
                        .anyMatch(e -> e.presence().userId().equals(subject.id()) && marker(round, subject).equals(e.presence().message()));
                assertThat(gotTheChange).as(pair + ": presence fan-out").isEqualTo(policy);
                assertThat(inDirectory.contains(subject.id())).as(pair + ": directory").isEqualTo(policy);
                assertThat(inHello.contains(subject.id())).as(pair + ": hello").isEqualTo(policy);
            }
            assertThat(inDirectory).as(viewer.name() + " is in his own directory").contains(viewer.id());
        }
    }

    private static String marker(String round, Person subject) {
        return "seen " + round + " " + subject.name();
    }
}
