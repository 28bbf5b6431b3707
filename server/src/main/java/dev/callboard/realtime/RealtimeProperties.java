package dev.callboard.realtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFrameBytes      largest inbound frame; larger ones close the socket with 1009
 * @param outboundQueueLimit events a connection may have waiting before it is dropped as too slow
 * @param messagesPerSecond  sustained inbound rate per connection; floods close with 1008
 * @param messageBurst       inbound burst allowance per connection
 * @param maxSocketsPerUser  open sockets one user may have on a node; a new one beyond it closes the
 *                           oldest (4002), since the newest is the one the user is looking at
 * @param userMessagesPerSecond sustained inbound rate of one user over all his sockets; beyond it a
 *                           frame is refused with error {@code rate_limited} (the socket stays open)
 */
@ConfigurationProperties("callboard.realtime")
public record RealtimeProperties(Integer maxFrameBytes, Integer outboundQueueLimit,
                                 Integer messagesPerSecond, Integer messageBurst, Integer maxSocketsPerUser,
                                 Integer userMessagesPerSecond) {
    public RealtimeProperties {
        if (maxFrameBytes == null) maxFrameBytes = 65536;
        if (outboundQueueLimit == null) outboundQueueLimit = 256;
        if (messagesPerSecond == null) messagesPerSecond = 20;
        if (messageBurst == null) messageBurst = 60;
        if (maxSocketsPerUser == null || maxSocketsPerUser < 1) maxSocketsPerUser = 10;
        if (userMessagesPerSecond == null || userMessagesPerSecond < 1) userMessagesPerSecond = 40;
    }
}
