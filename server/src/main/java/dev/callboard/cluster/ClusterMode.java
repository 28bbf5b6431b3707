package dev.callboard.cluster;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A bean or configuration that exists only in cluster mode, i.e. when {@code CALLBOARD_REDIS_URL} is set. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnExpression(ClusterMode.ON)
public @interface ClusterMode {
    String ON = "'${callboard.cluster.redis-url:}' != ''";
    String OFF = "'${callboard.cluster.redis-url:}' == ''";

    /** A bean or configuration that exists only on a single node (no {@code CALLBOARD_REDIS_URL}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ConditionalOnExpression(ClusterMode.OFF)
    @interface Off {}
}
