package org.opportune.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks an API handler's {@code @PreAuthorize} before its arguments are read. Method security alone
 * checks only when the method is called, after the JSON body was parsed and validated: a viewer sending
 * an invalid body would learn about validation (400) instead of being refused (403). Expressions that
 * refer to arguments ({@code #id}) are left to method security, which still checks every call.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class EarlyApiAuthorization implements WebMvcConfigurer {

    private final PreAuthorizeAuthorizationManager authorization = new PreAuthorizeAuthorizationManager();

    EarlyApiAuthorization(ApplicationContext context) {
        authorization.setApplicationContext(context);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method) {
                    check(method);
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    private void check(HandlerMethod handler) {
        var annotation = preAuthorize(handler);
        if (annotation == null || annotation.value().contains("#") || annotation.value().contains("returnObject")) {
            return;
        }
        var invocation = new SimpleMethodInvocation(handler.getBean(), handler.getMethod());
        var result = authorization.authorize(() -> SecurityContextHolder.getContext().getAuthentication(), invocation);
        if (result != null && !result.isGranted()) {
            throw new AccessDeniedException("Access denied");
        }
    }

    private static @Nullable PreAuthorize preAuthorize(HandlerMethod handler) {
        var onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
    }
}
