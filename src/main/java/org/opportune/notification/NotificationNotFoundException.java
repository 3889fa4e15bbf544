package org.opportune.notification;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** There is no such notification for this person (it may be someone else's). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotificationNotFoundException extends RuntimeException {

    private NotificationNotFoundException(String message) {
        super(message);
    }

    public static NotificationNotFoundException forId(long id) {
        return new NotificationNotFoundException("You have no notification with id " + id + ".");
    }
}
