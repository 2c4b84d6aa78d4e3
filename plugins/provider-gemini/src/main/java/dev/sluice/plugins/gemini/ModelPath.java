package dev.sluice.plugins.gemini;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import java.util.regex.Pattern;

/**
 * The resource name of a model in request paths: {@code gemini-2.5-flash} becomes
 * {@code models/gemini-2.5-flash}; names that already carry a collection ({@code models/…},
 * {@code tunedModels/…}) stay as they are. Anything that is not a plain name is refused, so that a
 * model name can never change the path or add a query to the URL.
 */
final class ModelPath {
    private static final Pattern NAME = Pattern.compile("(models|tunedModels)/[A-Za-z0-9][A-Za-z0-9._-]*");

    private ModelPath() {
    }

    /** The resource name, e.g. {@code models/gemini-2.5-flash}. */
    static String of(String model) {
        if (model == null || model.isBlank()) {
            throw new GatewayException(ErrorType.INVALID_REQUEST, "'model' is required").withParam("model");
        }
        String name = model.startsWith("models/") || model.startsWith("tunedModels/") ? model : "models/" + model;
        if (!NAME.matcher(name).matches()) {
            throw new GatewayException(ErrorType.INVALID_REQUEST, "'" + model + "' is not a Gemini model name "
                    + "(letters, digits, '.', '_' and '-', optionally after 'models/')").withParam("model");
        }
        return name;
    }
}
