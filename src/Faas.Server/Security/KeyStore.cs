using System.Text.Json;
using Faas.Core.Apps;
using Faas.Core.Storage;

namespace Faas.Server.Security;

/// <summary>
/// The keys created from the API (and the generated admin key), hashed, in <c>&lt;data&gt;/security/keys.json</c>
/// (folder 0700, file 0600, replaced atomically). Readers take <see cref="All"/> without locks: it is replaced whole.
/// </summary>
internal sealed class KeyStore
{
    private const int SaltBytes = 16;
    private readonly Lock _write = new();
    private readonly TimeProvider _time;
    private volatile IReadOnlyList<StoredKey> _keys;

    public KeyStore(DataLayout layout, TimeProvider time)
    {
        _time = time;
        Folder = Path.Combine(layout.Root, "security");
        File = Path.Combine(Folder, "keys.json");
        _keys = Load(File);
    }

    public string Folder { get; }

    public string File { get; }

    public IReadOnlyList<StoredKey> All => _keys;

    public bool HasAdminKey => _keys.Any(k => k.Scope == KeyScopes.Admin);

    /// <remarks>Asked on every call: a plain loop, nothing allocated.</remarks>
    public bool HasInvokeKeys(string app)
    {
        var keys = _keys;
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Scope == KeyScopes.Invoke && keys[i].App == app)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The stored key <paramref name="key"/> is, or null. Every key is compared, each in constant time.</summary>
    public StoredKey? Find(string key)
    {
        StoredKey? found = null;
        foreach (var stored in _keys)
        {
            if (stored.Matches(key))
            {
                found = stored;
            }
        }
        return found;
    }

    /// <summary>Creates a key and returns it with the one copy of its secret.</summary>
    public (StoredKey Stored, string Key) Create(string name, string scope, AppName? app, string? key = null)
    {
        key ??= StoredKey.NewSecret();
        var salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(SaltBytes);
        var id = "k_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var stored = new StoredKey(id, name, scope, app?.Value, _time.GetUtcNow(), salt, StoredKey.HashOf(salt, key));
        lock (_write)
        {
            Save([.. _keys, stored]);
        }
        return (stored, key);
    }

    /// <summary>
    /// Removes a key unless <paramref name="refusal"/> (given the key and the keys that would remain) says why not;
    /// that reason is then in <paramref name="why"/>.
    /// </summary>
    public RevokeResult Revoke(string id, Func<StoredKey, IReadOnlyList<StoredKey>, string?> refusal, out string? why)
    {
        why = null;
        lock (_write)
        {
            var key = _keys.FirstOrDefault(k => k.Id == id);
            if (key is null)
            {
                return RevokeResult.NotFound;
            }
            var rest = _keys.Where(k => k.Id != id).ToList();
            why = refusal(key, rest);
            if (why is not null)
            {
                return RevokeResult.Refused;
            }
            Save(rest);
            return RevokeResult.Revoked;
        }
    }

    private void Save(IReadOnlyList<StoredKey> keys)
    {
        SecretFiles.CreatePrivateFolder(Folder);
        SecretFiles.WriteAtomically(File, JsonSerializer.SerializeToUtf8Bytes(new KeyFile(1, keys), KeyJsonContext.Default.KeyFile));
        _keys = keys;
    }

    private static IReadOnlyList<StoredKey> Load(string file)
    {
        if (!System.IO.File.Exists(file))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize(System.IO.File.ReadAllBytes(file), KeyJsonContext.Default.KeyFile)?.Keys
                ?? throw new InvalidOperationException($"The key file {file} is empty; restore it or delete it (every key it held stops working).");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The key file {file} is not valid JSON ({e.Message}); restore it or delete it (every key it held stops working).", e);
        }
    }
}
