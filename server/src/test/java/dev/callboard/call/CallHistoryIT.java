package dev.callboard.call;

import dev.callboard.identity.CurrentUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.callboard.call.CallFlowIT.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallHistoryIT {
    private static final CallFixture f = new CallFixture();

    @AfterAll
    static void close() {
        f.close();
    }

    @Test
    void pagesNewestFirstWithDirectionAndStatusFilters() {
        CurrentUser admin = f.admin("Ada");
        CurrentUser client = f.client("Carl");
        f.presence.online(admin.id(), "a").online(client.id(), "c");
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Call out = f.ring(admin, client);
            f.service.decline(client, out.id(), null);
            f.clock.advance(Duration.ofSeconds(1));
            Call in = f.ring(client, admin);
            f.service.cancel(client, in.id(), null);
            f.clock.advance(Duration.ofSeconds(1));
            made.add(out.id());
            made.add(in.id());
        }

        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        do {
            CallHistory.Page page = f.history.list(admin, null, null, null, cursor, 3);
            page.items().forEach(c -> seen.add(c.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(made.reversed());

        assertThat(f.history.list(admin, null, "outgoing", null, null, 100).items())
                .allMatch(c -> c.callerId().equals(admin.id())).hasSize(5);
        assertThat(f.history.list(admin, null, "incoming", "cancelled", null, 100).items())
                .allMatch(c -> c.status() == CallStatus.CANCELLED).hasSize(5);
        assertThat(f.history.list(admin, null, null, "declined,cancelled", null, 100).items()).hasSize(10);
        assertThat(f.history.list(admin, null, null, "answered", null, 100).items()).isEmpty();
        assertThat(f.history.list(client, null, "incoming", null, null, 100).items())
                .allMatch(c -> c.calleeId().equals(client.id()) && c.callerName().equals("Ada")).hasSize(5);
    }

    @Test
    void onlyAdminsReadOtherPeoplesHistory() {
        CurrentUser admin = f.admin("Ada");
        CurrentUser client = f.client("Carl");
        CurrentUser other = f.client("Cleo");
        f.presence.online(client.id(), "c");
        Call call = f.ring(admin, client);

        assertThat(f.history.list(admin, client.id(), null, null, null, null).items()).extracting(Call::id)
                .containsExactly(call.id());
        assertThat(f.history.list(other, null, null, null, null, null).items()).isEmpty();
        assertThatThrownBy(() -> f.history.list(other, client.id(), null, null, null, null)).satisfies(status(403));
        assertThatThrownBy(() -> f.history.list(other, UUID.randomUUID(), null, null, null, null)).satisfies(status(403));
        assertThatThrownBy(() -> f.history.list(admin, UUID.randomUUID(), null, null, null, null)).satisfies(status(404));
        assertThatThrownBy(() -> f.history.list(admin, null, "sideways", null, null, null)).satisfies(status(400));
        assertThatThrownBy(() -> f.history.list(admin, null, null, "lost", null, null)).satisfies(status(400));
        assertThatThrownBy(() -> f.history.list(admin, null, null, null, "zzz", null)).satisfies(status(400));
    }
}
