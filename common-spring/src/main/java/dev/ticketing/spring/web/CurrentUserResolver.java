package dev.ticketing.spring.web;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.auth.JwtVerifier;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** A handler parameter of type {@link CurrentUser} means "signed in only": no valid token is a 401. */
public class CurrentUserResolver implements HandlerMethodArgumentResolver {
    private final JwtVerifier verifier;

    public CurrentUserResolver(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        return verifier.fromRequest(http.getHeader(HttpHeaders.COOKIE), http.getHeader(HttpHeaders.AUTHORIZATION))
                .orElseThrow(ApiException::unauthorized);
    }
}
