package io.forelight.frms.coordinator.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {

  @Test
  void hashesWithArgon2idAtOwaspMinimumAndASaltOfItsOwn() {
    String hash = Passwords.hash("correct horse battery");
    assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    assertNotEquals(hash, Passwords.hash("correct horse battery"), "each hash has its own salt");
    assertTrue(Passwords.matches("correct horse battery", hash));
    assertFalse(Passwords.matches("correct horse batterz", hash));
    assertFalse(Passwords.matches(null, hash));
  }

  @Test
  void checksTheHashesStoredBeforeByPassword4j() {
    // made by password4j 1.8.4 (Argon2id, m=19456, t=2, p=1), which hashed passwords until 2026-12
    String stored =
        "$argon2id$v=19$m=19456,t=2,p=1$4c38ifbJ7M6XTXH+AMYONw$"
            + "J4TWqj/EaJOEWwiPS3H9599ibhVxqrcvXbYiN9guYAw";
    assertTrue(Passwords.matches("correct horse battery staple é", stored));
    assertFalse(Passwords.matches("correct horse battery staple e", stored));
  }

  @Test
  void aHashThatIsNotArgon2idMatchesNothing() {
    assertFalse(Passwords.matches("anything at all here", "$2a$10$notabcrypthashatall"));
    assertFalse(Passwords.matches("anything at all here", ""));
  }

  @Test
  void anUnknownUserIsCheckedAgainstADecoyAndRefused() {
    assertFalse(Passwords.matches("anything at all here", null));
  }

  @Test
  void aPasswordNeedsTwelveCharacters() {
    assertEquals(
        "a password needs at least 12 characters", Passwords.problem("elevenchars").orElseThrow());
    assertTrue(Passwords.problem("twelve chars").isEmpty());
    assertTrue(Passwords.problem("            ").isPresent(), "only spaces");
    assertTrue(Passwords.problem(null).isPresent());
    assertTrue(Passwords.problem("x".repeat(1025)).isPresent());
  }
}
