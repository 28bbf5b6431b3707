package dev.callboard.webhook;

import dev.callboard.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Admin-only: webhook endpoints ({@code /api/webhooks}), their delivery log and replay. */
@RestController
public class WebhookController {
    private final WebhookEndpoints endpoints;

    public WebhookController(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @PostMapping("/api/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    public WebhookEndpoints.Endpoint create(CurrentUser admin, @RequestBody WebhookEndpoints.NewEndpoint body) {
        return endpoints.create(admin, body);
    }

    @GetMapping("/api/webhooks")
    public List<WebhookEndpoints.Endpoint> list(CurrentUser admin) {
        return endpoints.list(admin);
    }

    @PatchMapping("/api/webhooks/{id}")
    public WebhookEndpoints.Endpoint change(CurrentUser admin, @PathVariable String id,
                                            @RequestBody WebhookEndpoints.EndpointChange body) {
        return endpoints.change(admin, id, body);
    }

    @DeleteMapping("/api/webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(CurrentUser admin, @PathVariable String id) {
        endpoints.delete(admin, id);
    }

    @GetMapping("/api/webhooks/{id}/deliveries")
    public List<WebhookEndpoints.Delivery> deliveries(CurrentUser admin, @PathVariable String id) {
        return endpoints.deliveries(admin, id);
    }

    @PostMapping("/api/webhooks/{id}/deliveries/{eventId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public void replay(CurrentUser admin, @PathVariable String id, @PathVariable long eventId) {
        endpoints.replay(admin, id, eventId);
    }
}
