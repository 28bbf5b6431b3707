package dev.callboard.auth;

import dev.callboard.identity.CurrentUser;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/realtime/ticket}: a single-use ticket for {@code /ws?ticket=...} (browsers). */
@RestController
public class TicketController {
    private final WsTickets tickets;

    public TicketController(WsTickets tickets) {
        this.tickets = tickets;
    }

    @PostMapping("/api/realtime/ticket")
    public WsTickets.Issued ticket(Session session) {
        return tickets.issue(session);
    }
}
