package io.kinetic.notifications;

import io.kinetic.kernel.config.AppConfig;

/**
 * What the notifications verticle is given: the database it owns, {@code mail.*}, how it reads the
 * other contexts' event logs, the shop's default locale, and the key that opens the sealed
 * password-reset tokens.
 */
record NotificationsSettings(String pgUrl, int poolSize, AppConfig.Mail mail, AppConfig.Outbox outbox,
                             long busTimeoutMillis, String defaultLocale, byte[] resetKey) {
}
