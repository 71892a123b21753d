package dev.tally.command.dispatch;

import dev.tally.platform.security.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets command controllers declare a {@link CommandContext} parameter instead of the caller and two headers each. */
public class CommandContextResolver implements HandlerMethodArgumentResolver {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CommandContext.class;
    }

    @Override
    public CommandContext resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest request,
                                          WebDataBinderFactory binderFactory) {
        return new CommandContext(Caller.current(), request.getHeader(IDEMPOTENCY_KEY), request.getHeader(HttpHeaders.IF_MATCH));
    }
}
