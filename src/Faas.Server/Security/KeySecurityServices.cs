namespace Faas.Server.Security;

internal static class KeySecurityServices
{
    /// <summary>Keys, logins and the admin key generated at start-up (see <see cref="KeyGuard"/>).</summary>
    public static IServiceCollection AddKeySecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>()
            .Validate(o => o.AdminKey is null or "" || o.AdminKey.Length >= 16, "Faas:Security:AdminKey must be at least 16 characters (better: 32 random bytes, e.g. `openssl rand -base64 32`).")
            .Validate(o => o.SessionLifetime > TimeSpan.Zero, "Faas:Security:SessionLifetime must be positive.")
            .ValidateOnStart();
        services.AddSingleton<KeyStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<KeyAuthenticator>();
        services.AddHostedService<AdminKeyBootstrap>();
        return services;
    }
}
