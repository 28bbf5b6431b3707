package dev.callboard.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * What request bodies may hold beyond plain JSON: no string with U+0000 in it. PostgreSQL cannot
 * store that character, so such a body would otherwise fail deep inside a write (500) instead of
 * being refused at the door (400). Boot registers every {@link JacksonModule} bean.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    @Bean
    JacksonModule noNulInStrings() {
        return new SimpleModule("callboard-no-nul").addDeserializer(String.class, new NoNulStrings());
    }

    static final class NoNulStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                return ctxt.reportInputMismatch(this, "strings must not contain NUL characters");
            }
            return value;
        }
    }
}
