using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Faas.Server.Security;

/// <summary>
/// Dashboard logins: a random 32-byte token (the cookie's value) per login, held in memory only by its
/// SHA-256 (a restart logs everyone out), expiring after <see cref="SecurityOptions.SessionLifetime"/>.
/// A session ends early when the stored key it logged in with is revoked.
/// </summary>
internal sealed class SessionStore(TimeProvider time, IOptions<SecurityOptions> options)
{
    public const string CookieName = "faas_session";

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <param name="keyId">The stored key logged in with; null for the configured admin key.</param>
    public (string Token, DateTimeOffset Expires) Create(string? keyId)
    {
        var now = time.GetUtcNow();
        foreach (var (id, old) in _sessions)
        {
            if (old.Expires <= now)
            {
                _sessions.TryRemove(id, out _);
            }
        }
        var token = StoredKey.Base64Url(RandomNumberGenerator.GetBytes(32));
        var expires = now + options.Value.SessionLifetime;
        _sessions[Id(token)] = new Session(expires, keyId);
        return (token, expires);
    }

    /// <summary>The live session of <paramref name="token"/>, or null (unknown, expired or logged out).</summary>
    public Session? Find(string token)
    {
        var id = Id(token);
        if (!_sessions.TryGetValue(id, out var session))
        {
            return null;
        }
        if (session.Expires <= time.GetUtcNow())
        {
            _sessions.TryRemove(id, out _);
            return null;
        }
        return session;
    }

    public void Remove(string token) => _sessions.TryRemove(Id(token), out _);

    // Looked up by hash: a dictionary compares strings in time that depends on the text, so never on the secret itself.
    private static string Id(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    internal sealed record Session(DateTimeOffset Expires, string? KeyId);
}
