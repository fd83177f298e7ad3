package org.taunet.run;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The documentation of one configuration field, on the record component that declares it. With the component's name
 * and type, the family's defaults and the record's validating constructor, it is the field's one declaration:
 * {@link ConfigTree} derives from it the CLI flag ({@code --kebab-case} of the name), the help text, the
 * {@code config.json} key, the {@code --set} key and the sweep key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Doc {
  /** One or two sentences, with units; shown as the flag's help. */
  String value();
}
