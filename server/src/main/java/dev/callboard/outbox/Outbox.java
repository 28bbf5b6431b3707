package dev.callboard.outbox;

/**
 * The transactional outbox of webhook events, as SQL that rides along in the statement making the
 * change: a data-modifying CTE inserts the event in the same statement (so in the same transaction)
 * as the transition, the missed call or the user change it reports. A crash between that commit and
 * the delivery loses nothing: the event is in the table, and any node's dispatcher sends it. When no
 * endpoint is enabled nothing is written (one indexed probe of a tiny table).
 */
public final class Outbox {
    private Outbox() {}

    /**
     * A CTE ({@code , outbox_<name> AS (...)}) to append to a {@code WITH} clause.
     *
     * @param name    unique within the statement
     * @param from    the rows the events are about, e.g. the CTE holding an UPDATE's RETURNING rows,
     *                with any joins the payload needs
     * @param type    SQL for the event type, e.g. {@code 'call.' || c.status}
     * @param subject SQL for the uuid the event is about (deliveries keep its order)
     * @param payload SQL for the {@code jsonb} payload
     */
    public static String cte(String name, String from, String type, String subject, String payload) {
        return ", outbox_" + name + " AS (INSERT INTO webhook_outbox (event_type, subject_id, payload) "
                + "SELECT " + type + ", " + subject + ", " + payload + " FROM " + from
                + " WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled))";
    }
}
