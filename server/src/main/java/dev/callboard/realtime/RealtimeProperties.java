package dev.callboard.realtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * @param allowedOrigins     exact Origin values a browser may connect from
 * @param maxFrameBytes      largest inbound frame; larger ones close the socket with 1009
 * @param outboundQueueLimit events a connection may have waiting before it is dropped as too slow
 * @param messagesPerSecond  sustained inbound rate per connection; floods close with 1008
 * @param messageBurst       inbound burst allowance per connection
 */
@ConfigurationProperties("callboard.realtime")
public record RealtimeProperties(List<String> allowedOrigins, Integer maxFrameBytes, Integer outboundQueueLimit,
                                 Integer messagesPerSecond, Integer messageBurst) {
    public RealtimeProperties {
        if (allowedOrigins == null) allowedOrigins = List.of();
        if (maxFrameBytes == null) maxFrameBytes = 65536;
        if (outboundQueueLimit == null) outboundQueueLimit = 256;
        if (messagesPerSecond == null) messagesPerSecond = 20;
        if (messageBurst == null) messageBurst = 60;
    }
}
