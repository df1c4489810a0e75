using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Faas.Server.Security;

/// <summary>
/// A key as <c>&lt;data&gt;/security/keys.json</c> holds it: never the key, only SHA-256 over a random
/// per-key salt and the key. Keys are 32 random bytes, so nobody can guess one from its hash however fast the
/// hash is: a slow password hash (PBKDF2, Argon2) only helps secrets people choose, which these are not.
/// </summary>
internal sealed record StoredKey(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("app")] string? App,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("salt")] byte[] Salt,
    [property: JsonPropertyName("hash")] byte[] Hash)
{
    /// <summary>Whether <paramref name="key"/> is this key, in time that does not depend on where they differ.</summary>
    public bool Matches(string key) => CryptographicOperations.FixedTimeEquals(HashOf(Salt, key), Hash);

    public static byte[] HashOf(byte[] salt, string key)
    {
        var bytes = new byte[salt.Length + Encoding.UTF8.GetByteCount(key)];
        salt.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(key, bytes.AsSpan(salt.Length));
        return SHA256.HashData(bytes);
    }

    /// <summary>A new key: <c>faas_</c> and 32 random bytes in base64url (the prefix lets secret scanners spot it).</summary>
    public static string NewSecret() => "faas_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
