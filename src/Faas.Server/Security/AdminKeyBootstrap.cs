using System.Text;

namespace Faas.Server.Security;

/// <summary>
/// At start-up, when keys are required and no admin key exists, generates one into
/// <c>&lt;data&gt;/security/admin.key</c> (0600) and logs that file's path: the key itself never reaches a log.
/// </summary>
internal sealed partial class AdminKeyBootstrap(KeyAuthenticator keys, KeyStore store, IConfiguration configuration, ILogger<AdminKeyBootstrap> logger) : IHostedService
{
    public const string FileName = "admin.key";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var addresses = BindAddresses.Describe(configuration);
        if (!keys.KeysRequired)
        {
            if (keys.AdminKeyRequired)
            {
                LogKeysOn(addresses);
            }
            return Task.CompletedTask;
        }
        var file = Path.Combine(store.Folder, FileName);
        if (keys.HasConfiguredAdminKey || store.HasAdminKey)
        {
            LogKeysRequired(addresses, keys.HasConfiguredAdminKey ? "Faas:Security:AdminKey" : File.Exists(file) ? file : "the keys created from the API");
            return Task.CompletedTask;
        }
        // The file first: if storing the hash then fails, the next start generates a new key and file.
        var key = StoredKey.NewSecret();
        SecretFiles.CreatePrivateFolder(store.Folder);
        SecretFiles.WriteAtomically(file, Encoding.UTF8.GetBytes(key + "\n"));
        store.Create("admin key generated at start-up", KeyScopes.Admin, app: null, key);
        LogGenerated(addresses, file);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The server listens on {Addresses}, which other machines may reach, so every admin route needs the admin key. "
        + "None existed: one was generated and saved to {KeyFile} (readable by this user only). Send it as 'Authorization: Bearer <key>' (docs/api.md, Keys).")]
    private partial void LogGenerated(string addresses, string keyFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keys are required on {Addresses}; the admin key is in {Where}.")]
    private partial void LogKeysRequired(string addresses, string where);

    [LoggerMessage(Level = LogLevel.Information, Message = "The server listens on {Addresses} only, and an admin key exists: admin routes need it.")]
    private partial void LogKeysOn(string addresses);
}
