package org.opportune.compose;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** There is no reply template with this id (any more). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ReplyTemplateNotFoundException extends RuntimeException {

    private ReplyTemplateNotFoundException(String message) {
        super(message);
    }

    static ReplyTemplateNotFoundException forId(long id) {
        return new ReplyTemplateNotFoundException("There is no reply template " + id + " (any more).");
    }
}
