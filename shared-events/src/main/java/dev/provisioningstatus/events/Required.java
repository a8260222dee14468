package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A member the type's JSON Schema requires: binding fails when it is absent, {@code null} (an empty
 * text read as no time included) or a list with a {@code null} in it, so a value bound without its
 * schema check ({@link EventSerde#bind(byte[])}) still has every member its readers rely on. {@code RequiredMembersTest} keeps these marks equal to the schemas' {@code required}.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonProperty(required = true)
@JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL)
public @interface Required {
}
