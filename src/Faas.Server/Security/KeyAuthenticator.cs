using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Faas.Server.Security;

/// <summary>
/// Decides which routes need a key and checks the keys presented. The admin routes need the admin key when
/// keys are required (<c>Faas:Security:RequireKeys</c>, or a bind address other than loopback) or as soon as an
/// admin key exists (configured, or created from the API); an app's call routes need a key once the app has an invoke key.
/// </summary>
internal sealed class KeyAuthenticator
{
    private readonly KeyStore _store;
    private readonly SessionStore _sessions;
    private readonly byte[]? _configuredSalt;
    private readonly byte[]? _configuredHash;

    public KeyAuthenticator(KeyStore store, SessionStore sessions, IOptions<SecurityOptions> options, IConfiguration configuration)
    {
        _store = store;
        _sessions = sessions;
        KeysRequired = options.Value.RequireKeys || !BindAddresses.LoopbackOnly(configuration);
        if (options.Value.AdminKey is { Length: > 0 } key)
        {
            // Hashed at once, so the key is compared the same way as the stored ones and not kept as text here.
            _configuredSalt = RandomNumberGenerator.GetBytes(16);
            _configuredHash = StoredKey.HashOf(_configuredSalt, key);
        }
    }

    /// <summary>Keys are required whatever exists: <c>RequireKeys</c>, or the server is reachable from other machines.</summary>
    public bool KeysRequired { get; }

    public bool HasConfiguredAdminKey => _configuredHash is not null;

    public bool AdminKeyRequired => KeysRequired || HasConfiguredAdminKey || _store.HasAdminKey;

    public bool InvokeKeyRequired(string app) => _store.HasInvokeKeys(app);

    /// <summary>What <paramref name="key"/> grants, or null when it is no key of this server.</summary>
    public Credential? FromKey(string key) => FromKey(key, out _);

    public Credential? FromKey(string key, out string? storedId)
    {
        storedId = null;
        if (_configuredHash is not null && CryptographicOperations.FixedTimeEquals(StoredKey.HashOf(_configuredSalt!, key), _configuredHash))
        {
            return Credential.Admin;
        }
        if (_store.Find(key) is not { } stored)
        {
            return null;
        }
        storedId = stored.Id;
        return new Credential(stored.Scope, stored.App);
    }

    /// <summary>The admin, when <paramref name="token"/> is a live login whose key still exists; else null.</summary>
    public Credential? FromSession(string token) =>
        _sessions.Find(token) is { } session && (session.KeyId is null ? HasConfiguredAdminKey : _store.All.Any(k => k.Id == session.KeyId))
            ? Credential.Admin
            : null;

    /// <summary>
    /// Why revoking <paramref name="key"/> would be a mistake, or null: the server's last admin key when it needs one,
    /// or an app's last invoke key (its calls would become open to everyone) unless <paramref name="openApp"/> says so.
    /// </summary>
    public string? RevokeRefusal(StoredKey key, IReadOnlyList<StoredKey> remaining, bool openApp)
    {
        if (key.Scope == KeyScopes.Admin && KeysRequired && !HasConfiguredAdminKey && !remaining.Any(k => k.Scope == KeyScopes.Admin))
        {
            return "This is the last admin key and this server requires one: create another admin key (or set Faas:Security:AdminKey) first.";
        }
        if (key.Scope == KeyScopes.Invoke && !openApp && !remaining.Any(k => k.Scope == KeyScopes.Invoke && k.App == key.App))
        {
            return $"This is the last invoke key of the app '{key.App}': without it anyone could call the app. Create its new key first, "
                + "or revoke with ?openApp=true to open the app's calls to every client.";
        }
        return null;
    }
}
