package org.opportune.mail;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No stored message, attachment or quarantined message with that id. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class MessageNotFoundException extends RuntimeException {

    private MessageNotFoundException(String message) {
        super(message);
    }

    public static MessageNotFoundException forId(String what, long id) {
        return new MessageNotFoundException("no " + what + " " + id);
    }
}
