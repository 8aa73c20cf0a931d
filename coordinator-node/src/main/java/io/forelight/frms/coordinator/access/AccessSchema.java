package io.forelight.frms.coordinator.access;

import java.util.List;

/**
 * The tables of users, sessions and API tokens, created with the read model's (same keyspace):
 *
 * <ul>
 *   <li>{@code users}: one row per user; the password as an Argon2id hash, and since when their
 *       sessions count ({@code sessions_from}: a password change ends the sessions before it).
 *   <li>{@code sessions}: one row per logged-in browser, keyed by the SHA-256 of its cookie, with a
 *       TTL of the idle timeout (renewed as it is used, never past its absolute expiry): any
 *       coordinator accepts it, a restart logs nobody out, and an idle one vanishes by itself.
 *   <li>{@code api_tokens}: one row per token, its secret as a SHA-256 hash; it expires by TTL.
 * </ul>
 */
public final class AccessSchema {

  private AccessSchema() {}

  public static List<String> tables(String keyspace) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".users (name text PRIMARY KEY, display_name text, roles set<text>, scope text,"
            + " enabled boolean, password_hash text, created_by text, created_at timestamp,"
            + " changed_by text, changed_at timestamp, sessions_from timestamp)",
        // users tables made before sessions_from (a no-op on a new one)
        "ALTER TABLE " + keyspace + ".users ADD IF NOT EXISTS sessions_from timestamp",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".sessions (token_hash text PRIMARY KEY, user_name text, csrf_token text,"
            + " created_at timestamp, expires_at timestamp, touched_at timestamp)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".api_tokens (id text PRIMARY KEY, owner text, role text, description text,"
            + " secret_hash text, created_by text, created_at timestamp, expires_at timestamp,"
            + " revoked_by text, revoked_at timestamp)");
  }
}
