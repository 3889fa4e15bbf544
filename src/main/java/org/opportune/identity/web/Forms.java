package org.opportune.identity.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import org.opportune.identity.Role;

/** The forms of the identity pages. */
public final class Forms {

    private Forms() {
    }

    public record SetupForm(
            @NotBlank(message = "Choose a username.") @Size(max = 64, message = "Use at most 64 characters.") String username,
            @NotBlank(message = "Enter your name.") @Size(max = 120, message = "Use at most 120 characters.") String displayName,
            @Nullable @Email(message = "Enter a valid email address, or leave it empty.") String email,
            @NotBlank(message = "Choose a password.") String password,
            @NotBlank(message = "Repeat the password.") String passwordRepeat) {

        static SetupForm empty() {
            return new SetupForm("", "", "", "", "");
        }
    }

    public record NewUserForm(
            @NotBlank(message = "Choose a username.") @Size(max = 64, message = "Use at most 64 characters.") String username,
            @NotBlank(message = "Enter the person's name.") @Size(max = 120, message = "Use at most 120 characters.") String displayName,
            @Nullable @Email(message = "Enter a valid email address, or leave it empty.") String email,
            @NotNull(message = "Choose a role.") Role role) {

        static NewUserForm empty() {
            return new NewUserForm("", "", "", Role.REP);
        }
    }

    public record RoleForm(@NotNull(message = "Choose a role.") Role role) {
    }

    public record DisplayNameForm(
            @NotBlank(message = "Enter the name your colleagues know you by.") @Size(max = 120, message = "Use at most 120 characters.") String displayName) {
    }

    public record TokenForm(
            @NotBlank(message = "Give the token a name, such as the script that will use it.") @Size(max = 100, message = "Use at most 100 characters.") String label) {
    }

    public record PasswordForm(
            @NotBlank(message = "Enter your current password.") String currentPassword,
            @NotBlank(message = "Choose a new password.") String newPassword,
            @NotBlank(message = "Repeat the new password.") String repeatPassword) {

        static PasswordForm empty() {
            return new PasswordForm("", "", "");
        }
    }
}
