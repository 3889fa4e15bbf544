package org.opportune.web;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A one-line confirmation shown on the page a POST redirects to. */
public final class Flash {

    private Flash() {
    }

    public static void message(RedirectAttributes redirect, String text) {
        redirect.addFlashAttribute(ShellAdvice.FLASH, text);
    }
}
